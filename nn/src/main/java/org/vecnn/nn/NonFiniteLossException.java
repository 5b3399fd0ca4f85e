package org.vecnn.nn;

/**
 * Thrown by {@link Mlp#fit} the first time a batch's loss is NaN or infinite, before the parameters are updated
 * with that batch's gradients. The message and the getters say at which epoch and batch; the usual causes are a
 * learning rate too large for the data's scale, or unscaled features.
 */
public class NonFiniteLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;
    private final double loss;

    NonFiniteLossException(int epoch, int batch, int batches, double loss) {
        super("fit: the loss became " + loss + " at epoch " + epoch + ", batch " + batch + " of " + batches
                + "; training stopped before that batch's update (a learning rate too large for the data, or"
                + " features not scaled to about [-1, 1], are the usual causes)");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
    }

    /** The epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The batch within the epoch, from 1. */
    public int batch() {
        return batch;
    }

    /** The non-finite loss. */
    public double loss() {
        return loss;
    }
}
