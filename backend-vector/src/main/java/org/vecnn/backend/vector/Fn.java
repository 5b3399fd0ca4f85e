package org.vecnn.backend.vector;

import org.vecnn.UnaryOp;

/**
 * The elementwise functions of the engine: {@link UnaryOp.Kind}'s, each constant named after its kind, and
 * {@link #IDENTITY} for a dense layer without activation. {@link #apply} is {@link UnaryOp#apply(UnaryOp.Kind,
 * double, double)}, the definition in double precision that the float kernels round once; the exponential alone
 * runs on the Vector API's own (SVML on x86), within the TCK's function tolerance. A constant without a kind of
 * the same name fails this class's initialisation, and {@link #of} fails for a kind without a constant.
 */
enum Fn {
    IDENTITY, NEGATE, ABS, SQUARE, SQRT, EXP, LOG,
    RELU, RELU_DERIVATIVE, LEAKY_RELU, LEAKY_RELU_DERIVATIVE,
    SIGMOID, SIGMOID_DERIVATIVE, TANH, TANH_DERIVATIVE;

    /** The function this is; null for {@link #IDENTITY}. */
    private final UnaryOp.Kind kind;

    Fn() {
        kind = name().equals("IDENTITY") ? null : UnaryOp.Kind.valueOf(name());
    }

    /** The engine's function for {@code kind}. */
    static Fn of(UnaryOp.Kind kind) {
        return valueOf(kind.name());
    }

    /** The function this is; null for {@link #IDENTITY}. */
    UnaryOp.Kind kind() {
        return kind;
    }

    /** The function at {@code x}; {@code param} is the leaky ReLU's slope, ignored by the others. */
    double apply(double x, double param) {
        return kind == null ? x : UnaryOp.apply(kind, param, x);
    }

    /** The derivative of this activation (with respect to its input), for the backward pass. */
    Fn derivative() {
        switch (this) {
            case IDENTITY: return null;
            case RELU: return RELU_DERIVATIVE;
            case LEAKY_RELU: return LEAKY_RELU_DERIVATIVE;
            case SIGMOID: return SIGMOID_DERIVATIVE;
            case TANH: return TANH_DERIVATIVE;
            default: throw new IllegalArgumentException("activationBackward: " + this + " is not an activation");
        }
    }
}
