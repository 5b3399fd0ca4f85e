package org.vecnn.backend.vector;

/**
 * The elementwise functions of the engine: the activations a network needs, their derivatives with respect to
 * the activation's input, and arithmetic basics. {@link #apply} is the definition, in double precision, that
 * the float kernels round once; the exponential alone runs on the Vector API's own (SVML on x86), within the
 * TCK's function tolerance.
 */
enum Fn {
    IDENTITY, NEGATE, ABS, SQUARE, SQRT, EXP, LOG,
    RELU, RELU_DERIVATIVE, LEAKY_RELU, LEAKY_RELU_DERIVATIVE,
    SIGMOID, SIGMOID_DERIVATIVE, TANH, TANH_DERIVATIVE;

    /** The function at {@code x}; {@code param} is the leaky ReLU's slope, ignored by the others. */
    double apply(double x, double param) {
        switch (this) {
            case IDENTITY: return x;
            case NEGATE: return -x;
            case ABS: return Math.abs(x);
            case SQUARE: return x * x;
            case SQRT: return Math.sqrt(x);
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case RELU: return x > 0 || Double.isNaN(x) ? x : 0.0;
            case RELU_DERIVATIVE: return x > 0 ? 1.0 : Double.isNaN(x) ? x : 0.0;
            case LEAKY_RELU: return x > 0 ? x : param * x;
            case LEAKY_RELU_DERIVATIVE: return x > 0 ? 1.0 : Double.isNaN(x) ? x : param;
            case SIGMOID: return sigmoid(x);
            case SIGMOID_DERIVATIVE: {
                double s = sigmoid(x);
                return s * (1.0 - s);
            }
            case TANH: return Math.tanh(x);
            case TANH_DERIVATIVE: {
                double t = Math.tanh(x);
                return 1.0 - t * t;
            }
            default: throw new AssertionError(this);
        }
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
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
