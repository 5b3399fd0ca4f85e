package org.vecnn.nn.io;

import java.util.function.ToIntFunction;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Optimizer;

/**
 * The byte each enum constant has in a model file, written out here rather than taken from
 * {@link Enum#ordinal()}: reordering or inserting a constant cannot change what a saved file means, and a new
 * constant without a code is a compile error (the switches are exhaustive). The codes are those of file
 * version 1, which happened to be the declaration order.
 */
final class FormatCodes {
    private FormatCodes() {
    }

    static int of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> 0;
            case FLOAT64 -> 1;
        };
    }

    static int of(Loss loss) {
        return switch (loss) {
            case MSE -> 0;
            case CROSS_ENTROPY -> 1;
            case BINARY_CROSS_ENTROPY -> 2;
        };
    }

    static int of(Optimizer.Kind kind) {
        return switch (kind) {
            case SGD -> 0;
            case MOMENTUM -> 1;
            case ADAM -> 2;
        };
    }

    static int of(Activation.Kind kind) {
        return switch (kind) {
            case IDENTITY -> 0;
            case RELU -> 1;
            case LEAKY_RELU -> 2;
            case SIGMOID -> 3;
            case TANH -> 4;
            case SOFTMAX -> 5;
        };
    }

    /** The constant of {@code values} whose code is {@code code}, or null. */
    static <E extends Enum<E>> E decode(int code, E[] values, ToIntFunction<E> codeOf) {
        for (E value : values) {
            if (codeOf.applyAsInt(value) == code) {
                return value;
            }
        }
        return null;
    }
}
