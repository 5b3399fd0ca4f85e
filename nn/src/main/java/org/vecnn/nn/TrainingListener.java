package org.vecnn.nn;

/**
 * Hears about training as it happens, on the training thread; both methods do nothing by default. A slow
 * listener slows training down.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /**
     * After each optimizer step.
     *
     * @param epoch   the epoch, from 1
     * @param batch   the batch within the epoch, from 1
     * @param batches the number of batches per epoch
     * @param loss    the batch's mean loss (before the step)
     */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch, its validation included. */
    default void onEpoch(EpochResult result) {
    }
}
