package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link TrainingReport} for training that runs outside {@link Mlp#fit} (for example distributed over
 * a cluster), so that it reports its epochs with the same types: record each epoch with {@link #epoch}, then
 * {@link #build()}. Not thread-safe.
 */
public final class TrainingReports {
    private final List<EpochResult> epochs = new ArrayList<>();

    /** An empty builder. */
    public TrainingReports() {
    }

    /**
     * Records one epoch and returns it (for {@link TrainingListener#onEpoch}).
     *
     * @param trainLoss          the mean training loss over the epoch's batches, each measured before its step
     * @param trainAccuracy      the fraction of training examples classified correctly, NaN without labels
     * @param validationLoss     the validation loss after the epoch, NaN without a validation set
     * @param validationAccuracy the validation accuracy after the epoch, NaN without one
     * @param seconds            seconds spent in training steps (validation excluded), > 0
     * @param samples            training examples processed, >= 0
     * @throws IllegalArgumentException if {@code seconds} is not positive or {@code samples} negative
     */
    public EpochResult epoch(double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
            double seconds, int samples) {
        if (!(seconds > 0) || samples < 0) {
            throw new IllegalArgumentException("training report: epoch " + (epochs.size() + 1) + " needs seconds > 0 "
                    + "and samples >= 0, got " + seconds + " s and " + samples + " samples");
        }
        EpochResult result = new EpochResult(epochs.size() + 1, trainLoss, trainAccuracy, validationLoss,
                validationAccuracy, seconds, samples);
        epochs.add(result);
        return result;
    }

    /**
     * The report of the epochs recorded so far.
     *
     * @throws IllegalStateException if no epoch was recorded
     */
    public TrainingReport build() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("training report: no epoch recorded");
        }
        return new TrainingReport(epochs);
    }
}
