package org.vecnn;

import java.util.Objects;

/**
 * An elementwise function of one argument, applied by {@link Backend#map(UnaryOp, Tensor)}: the
 * activations a network needs and their derivatives (with respect to the activation's input), plus a few
 * arithmetic basics. {@link #apply(double)} is the reference definition every backend is checked against.
 *
 * <p>NaN propagates through every function. ReLU of a non-positive number is {@code +0.0}.
 */
public final class UnaryOp {
    /** The function, independent of its parameter. */
    public enum Kind {
        NEGATE, ABS, SQUARE, SQRT, EXP, LOG,
        RELU, RELU_DERIVATIVE, LEAKY_RELU, LEAKY_RELU_DERIVATIVE,
        SIGMOID, SIGMOID_DERIVATIVE, TANH, TANH_DERIVATIVE
    }

    /** {@code -x}. */
    public static final UnaryOp NEGATE = new UnaryOp(Kind.NEGATE, 0);
    /** {@code |x|}. */
    public static final UnaryOp ABS = new UnaryOp(Kind.ABS, 0);
    /** {@code x * x}. */
    public static final UnaryOp SQUARE = new UnaryOp(Kind.SQUARE, 0);
    /** {@code sqrt(x)}; NaN for negative x. */
    public static final UnaryOp SQRT = new UnaryOp(Kind.SQRT, 0);
    /** {@code e^x}. */
    public static final UnaryOp EXP = new UnaryOp(Kind.EXP, 0);
    /** The natural logarithm; {@code -Inf} at 0, NaN below. */
    public static final UnaryOp LOG = new UnaryOp(Kind.LOG, 0);
    /** {@code max(x, 0)}. */
    public static final UnaryOp RELU = new UnaryOp(Kind.RELU, 0);
    /** 1 where {@code x > 0}, else 0. */
    public static final UnaryOp RELU_DERIVATIVE = new UnaryOp(Kind.RELU_DERIVATIVE, 0);
    /** {@code 1 / (1 + e^-x)}. */
    public static final UnaryOp SIGMOID = new UnaryOp(Kind.SIGMOID, 0);
    /** {@code s(x) * (1 - s(x))} with {@code s} the sigmoid. */
    public static final UnaryOp SIGMOID_DERIVATIVE = new UnaryOp(Kind.SIGMOID_DERIVATIVE, 0);
    /** The hyperbolic tangent. */
    public static final UnaryOp TANH = new UnaryOp(Kind.TANH, 0);
    /** {@code 1 - tanh(x)^2}. */
    public static final UnaryOp TANH_DERIVATIVE = new UnaryOp(Kind.TANH_DERIVATIVE, 0);

    private final Kind kind;
    private final double parameter;

    private UnaryOp(Kind kind, double parameter) {
        this.kind = kind;
        this.parameter = parameter;
    }

    /** {@code x} where {@code x > 0}, else {@code slope * x}. */
    public static UnaryOp leakyRelu(double slope) {
        return new UnaryOp(Kind.LEAKY_RELU, finiteSlope("leakyRelu", slope));
    }

    /** 1 where {@code x > 0}, else {@code slope}. */
    public static UnaryOp leakyReluDerivative(double slope) {
        return new UnaryOp(Kind.LEAKY_RELU_DERIVATIVE, finiteSlope("leakyReluDerivative", slope));
    }

    private static double finiteSlope(String op, double slope) {
        if (!Double.isFinite(slope)) {
            throw new TensorArgumentException(op + ": slope must be finite, got " + slope);
        }
        return slope;
    }

    /**
     * This function with its parameter rounded to {@code dtype}, as NumPy rounds a Python scalar to an array's
     * dtype; vecnn applies it so to a tensor of that dtype.
     */
    public UnaryOp roundedTo(DType dtype) {
        double rounded = dtype == DType.FLOAT32 ? (float) parameter : parameter;
        return rounded == parameter || Double.isNaN(parameter) ? this : new UnaryOp(kind, rounded);
    }

    /** Which function this is. */
    public Kind kind() {
        return kind;
    }

    /** The function's parameter (the slope of the leaky ReLU); 0 for functions without one. */
    public double parameter() {
        return parameter;
    }

    /**
     * The reference definition, in double precision. For FLOAT32 the reference result is this value
     * rounded once to float.
     */
    public double apply(double x) {
        return apply(kind, parameter, x);
    }

    /**
     * The reference definition of function {@code kind} with parameter {@code parameter} (the leaky ReLU's
     * slope, ignored by the others) at {@code x}: what {@link #apply(double)} computes, for kernels that keep
     * the kind and the parameter apart.
     */
    public static double apply(Kind kind, double parameter, double x) {
        return switch (kind) {
            case NEGATE -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case SQRT -> Math.sqrt(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case RELU -> x > 0 || Double.isNaN(x) ? x : 0.0;
            case RELU_DERIVATIVE -> x > 0 ? 1.0 : Double.isNaN(x) ? x : 0.0;
            case LEAKY_RELU -> x > 0 ? x : parameter * x;
            case LEAKY_RELU_DERIVATIVE -> x > 0 ? 1.0 : Double.isNaN(x) ? x : parameter;
            case SIGMOID -> sigmoid(x);
            case SIGMOID_DERIVATIVE -> {
                double s = sigmoid(x);
                yield s * (1.0 - s);
            }
            case TANH -> Math.tanh(x);
            case TANH_DERIVATIVE -> {
                double t = Math.tanh(x);
                yield 1.0 - t * t;
            }
        };
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnaryOp && ((UnaryOp) other).kind == kind
                && Double.compare(((UnaryOp) other).parameter, parameter) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, parameter);
    }

    @Override
    public String toString() {
        boolean parameterized = kind == Kind.LEAKY_RELU || kind == Kind.LEAKY_RELU_DERIVATIVE;
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (parameterized ? "(" + parameter + ")" : "");
    }
}
