package org.vecnn.nn;

/**
 * What training minimizes, averaged over the batch. Each loss fixes the output activation it works with, so
 * that the pair can be computed in one numerically stable step:
 *
 * <ul>
 *   <li>{@link #MSE}: {@code mean((a - y)²)} over every output element; any output activation but softmax.</li>
 *   <li>{@link #CROSS_ENTROPY}: softmax cross-entropy, {@code -mean_rows Σ y·log softmax(z)}, computed from the
 *       logits {@code z} with the log-sum-exp shift; the last layer must use {@link Activation#SOFTMAX}.
 *       Targets are one-hot rows (or any rows of probabilities).</li>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: {@code -mean(y·log σ(z) + (1-y)·log(1-σ(z)))} over every output element,
 *       computed from the logits as {@code max(z,0) - z·y + log(1 + e^-|z|)}; the last layer must use
 *       {@link Activation#SIGMOID}. Targets are in [0, 1].</li>
 * </ul>
 *
 * <p>The order of the constants is part of the model file format (append only).
 */
public enum Loss {
    /** Mean squared error over every output element. */
    MSE,
    /** Softmax cross-entropy (fused with a softmax output layer). */
    CROSS_ENTROPY,
    /** Binary cross-entropy (fused with a sigmoid output layer). */
    BINARY_CROSS_ENTROPY;

    /** Why {@code output} cannot end a network trained with this loss, or null if it can. */
    String incompatibility(Activation output) {
        Activation.Kind kind = output.kind();
        switch (this) {
            case CROSS_ENTROPY:
                return kind == Activation.Kind.SOFTMAX ? null
                        : "Loss.CROSS_ENTROPY needs a softmax output layer (it is computed fused with the softmax), "
                                + "but the last layer uses " + output;
            case BINARY_CROSS_ENTROPY:
                return kind == Activation.Kind.SIGMOID ? null
                        : "Loss.BINARY_CROSS_ENTROPY needs a sigmoid output layer (it is computed fused with the sigmoid), "
                                + "but the last layer uses " + output;
            case MSE:
                return kind != Activation.Kind.SOFTMAX ? null
                        : "a softmax output layer must be trained with Loss.CROSS_ENTROPY, not Loss.MSE";
            default:
                throw new AssertionError(this);
        }
    }
}
