package org.vecnn.nn;

import java.util.Locale;

/** A model's mean loss and accuracy on a dataset; accuracy is NaN for data without class labels. */
public final class Evaluation {
    private final double loss;
    private final double accuracy;
    private final int samples;

    Evaluation(double loss, double accuracy, int samples) {
        this.loss = loss;
        this.accuracy = accuracy;
        this.samples = samples;
    }

    /** The mean loss per example. */
    public double loss() {
        return loss;
    }

    /** The fraction of examples classified correctly. */
    public double accuracy() {
        return accuracy;
    }

    /** The number of examples. */
    public int samples() {
        return samples;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss %.4f, accuracy %.4f on %d examples", loss, accuracy, samples);
    }
}
