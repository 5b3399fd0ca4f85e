package org.vecnn.nn;

/**
 * Thrown by {@link Mlp#fit} the first time a batch's loss is NaN or infinite, before the parameters are updated
 * with that batch's gradients. The message and the getters say at which epoch and batch, and whether the batch
 * itself held a NaN or infinite feature or target (data made with {@link NonFinite#ALLOW}): then the message
 * names the first such value's example and column and blames the data; otherwise the usual causes are a
 * learning rate too large for the data's scale, or unscaled features.
 */
public class NonFiniteLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;
    private final double loss;
    private final String badData;

    /**
     * {@code badData} says where the batch held a non-finite value (e.g. {@code feature NaN at example 12, column
     * 3}); null when every value of the batch was finite.
     */
    NonFiniteLossException(int epoch, int batch, int batches, double loss, String badData) {
        super("fit: the loss became " + loss + " at epoch " + epoch + ", batch " + batch + " of " + batches
                + "; training stopped before that batch's update" + (badData == null
                        ? " (a learning rate too large for the data, or features not scaled to about [-1, 1], are the"
                                + " usual causes)"
                        : ": the data held non-finite values (" + badData + "); clean or impute them (the dataset"
                                + " was made with NonFinite.ALLOW, which keeps them)"));
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.badData = badData;
    }

    /** Whether the batch's features or targets held a NaN or infinite value, the cause of the non-finite loss. */
    public boolean dataNonFinite() {
        return badData != null;
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
