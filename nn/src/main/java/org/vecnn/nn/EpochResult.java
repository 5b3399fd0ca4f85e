package org.vecnn.nn;

import java.util.Locale;

/**
 * One epoch of training: the mean training loss and accuracy over its batches (each batch measured just
 * before its step), the validation loss and accuracy after it, and the training time.
 * Accuracies are NaN for data without class labels; validation figures are NaN without a validation set.
 */
public final class EpochResult {
    private final int epoch;
    private final double trainLoss;
    private final double trainAccuracy;
    private final double validationLoss;
    private final double validationAccuracy;
    private final double seconds;
    private final int samples;

    EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
            double seconds, int samples) {
        this.epoch = epoch;
        this.trainLoss = trainLoss;
        this.trainAccuracy = trainAccuracy;
        this.validationLoss = validationLoss;
        this.validationAccuracy = validationAccuracy;
        this.seconds = seconds;
        this.samples = samples;
    }

    /** The epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The mean training loss. */
    public double trainLoss() {
        return trainLoss;
    }

    /** The fraction of training examples classified correctly. */
    public double trainAccuracy() {
        return trainAccuracy;
    }

    /** The mean loss on the validation set. */
    public double validationLoss() {
        return validationLoss;
    }

    /** The fraction of validation examples classified correctly. */
    public double validationAccuracy() {
        return validationAccuracy;
    }

    /** Seconds spent in training steps (validation excluded). */
    public double seconds() {
        return seconds;
    }

    /** Training examples processed. */
    public int samples() {
        return samples;
    }

    /** Training examples per second. */
    public double samplesPerSecond() {
        return samples / seconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %d: loss %.4f, accuracy %.4f, validation loss %.4f, validation "
                + "accuracy %.4f, %.2f s, %.0f samples/s", epoch, trainLoss, trainAccuracy, validationLoss,
                validationAccuracy, seconds, samplesPerSecond());
    }
}
