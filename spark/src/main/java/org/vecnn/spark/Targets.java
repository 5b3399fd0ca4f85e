package org.vecnn.spark;

import org.vecnn.nn.Loss;

/** What the label column holds for a network, decided by its loss and output width. */
enum Targets {
    /** A class index in {@code [0, outputs)}, for softmax cross-entropy. */
    CLASS,
    /** 0 or 1, for one sigmoid output with binary cross-entropy. */
    BINARY,
    /** {@code outputs} real targets per example: a number for one output, an array or vector for more. */
    VALUES;

    static Targets of(NetworkSpec spec) {
        if (spec.loss == Loss.CROSS_ENTROPY) {
            return CLASS;
        }
        return spec.loss == Loss.BINARY_CROSS_ENTROPY && spec.outputs() == 1 ? BINARY : VALUES;
    }

    /** How the label column should look, for messages. */
    String expected(int outputs) {
        switch (this) {
            case CLASS: return "a class index in [0, " + outputs + ") (a number with no fractional part)";
            case BINARY: return "a binary label, 0 or 1";
            default: return outputs == 1 ? "a number" : "an array or ML vector of " + outputs + " numbers";
        }
    }
}
