package org.vecnn.nn;

import java.util.Locale;
import java.util.Objects;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.UnaryOp;

/**
 * The function a dense layer applies to {@code Z = X·W + b}, elementwise except {@link #SOFTMAX}, which
 * normalizes each row. Softmax may only end a network trained with {@link Loss#CROSS_ENTROPY}; the two are
 * computed together (fused), which is both faster and numerically stable.
 */
public final class Activation {
    /** The kinds of activation (model files store explicit codes, see FormatCodes, never this order). */
    public enum Kind { IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH, SOFTMAX }

    /** {@code f(z) = z}. */
    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0);
    /** {@code max(z, 0)}. */
    public static final Activation RELU = new Activation(Kind.RELU, 0);
    /** Leaky ReLU with slope 0.01 for negative inputs; see {@link #leakyRelu(double)}. */
    public static final Activation LEAKY_RELU = new Activation(Kind.LEAKY_RELU, 0.01);
    /** The logistic sigmoid {@code 1 / (1 + e^-z)}. */
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    /** The hyperbolic tangent. */
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    /** {@code e^z / Σ_row e^z}, per row; only as the last layer, with {@link Loss#CROSS_ENTROPY}. */
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);

    private final Kind kind;
    private final double slope;
    private final UnaryOp function;
    private final UnaryOp derivative;

    private Activation(Kind kind, double slope) {
        this.kind = kind;
        this.slope = slope;
        switch (kind) {
            case RELU: function = UnaryOp.RELU; derivative = UnaryOp.RELU_DERIVATIVE; break;
            case LEAKY_RELU: function = UnaryOp.leakyRelu(slope); derivative = UnaryOp.leakyReluDerivative(slope); break;
            case SIGMOID: function = UnaryOp.SIGMOID; derivative = UnaryOp.SIGMOID_DERIVATIVE; break;
            case TANH: function = UnaryOp.TANH; derivative = UnaryOp.TANH_DERIVATIVE; break;
            default: function = null; derivative = null; break;
        }
    }

    /**
     * Leaky ReLU: {@code z} for {@code z > 0}, else {@code slope * z}.
     *
     * @throws IllegalArgumentException if {@code slope} is not finite
     */
    public static Activation leakyRelu(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("leakyRelu: slope must be finite, got " + slope);
        }
        return new Activation(Kind.LEAKY_RELU, slope);
    }

    static Activation of(Kind kind, double slope) {
        return switch (kind) {
            case IDENTITY -> IDENTITY;
            case RELU -> RELU;
            case LEAKY_RELU -> leakyRelu(slope);
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case SOFTMAX -> SOFTMAX;
        };
    }

    /** Which function this is. */
    public Kind kind() {
        return kind;
    }

    /** The negative-side slope of a leaky ReLU; 0 for the others. */
    public double slope() {
        return slope;
    }

    /** Whether He initialisation suits this activation (the ReLU family); otherwise Xavier/Glorot does. */
    boolean prefersHe() {
        return kind == Kind.RELU || kind == Kind.LEAKY_RELU;
    }

    /** The elementwise function, or null for identity and softmax. */
    UnaryOp function() {
        return function;
    }

    /** {@code out = f(z)}; {@code out} may be {@code z}. */
    void apply(Backend backend, Tensor z, Tensor out, Tensor rowScratch) {
        if (kind == Kind.IDENTITY) {
            backend.copy(z, out);
        } else if (kind == Kind.SOFTMAX) {
            softmax(backend, z, out, rowScratch);
        } else {
            backend.map(function, z, out);
        }
    }

    /** Row-wise softmax, shifted by the row maximum so that {@code exp} never overflows. */
    static void softmax(Backend backend, Tensor z, Tensor out, Tensor rowScratch) {
        backend.max(z, 1, true, rowScratch);
        backend.subtract(z, rowScratch, out);
        backend.map(UnaryOp.EXP, out, out);
        backend.sum(out, 1, true, rowScratch);
        backend.divide(out, rowScratch, out);
    }

    /**
     * {@code dz = da ⊙ f'(z)} for the elementwise activations; {@code dz} may be {@code da}, not {@code z}.
     * {@code scratch} has {@code z}'s shape.
     */
    void backward(Backend backend, Tensor z, Tensor da, Tensor dz, Tensor scratch) {
        if (kind == Kind.IDENTITY) {
            backend.copy(da, dz);
            return;
        }
        if (derivative == null) {
            throw new IllegalStateException("no elementwise derivative for " + this);
        }
        backend.activationBackward(derivative, z, da, dz);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Activation && ((Activation) other).kind == kind
                && Double.compare(((Activation) other).slope, slope) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, slope);
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind == Kind.LEAKY_RELU ? name + "(" + slope + ")" : name;
    }
}
