package org.vecnn.nn;

import java.util.Locale;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * How parameters move against their gradients: plain SGD, SGD with (heavy-ball) momentum, or Adam, each with
 * optional L2 weight decay ({@link #withWeightDecay(double)}). Immutable; the state an optimizer keeps per
 * parameter (velocities, moments) lives on the model's backend and is updated in place.
 */
public final class Optimizer {
    /** The kinds of optimizer; the order is part of the model file format (append only). */
    public enum Kind { SGD, MOMENTUM, ADAM }

    private final Kind kind;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    private Optimizer(Kind kind, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        positive("learning rate", learningRate);
        if (kind != Kind.SGD) {
            fraction(kind == Kind.ADAM ? "beta1" : "momentum", beta1);
        }
        if (kind == Kind.ADAM) {
            fraction("beta2", beta2);
            positive("epsilon", epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("optimizer: weight decay must be finite and >= 0, got " + weightDecay);
        }
        this.kind = kind;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    private static void positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("optimizer: " + what + " must be finite and > 0, got " + value);
        }
    }

    private static void fraction(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("optimizer: " + what + " must be in [0, 1), got " + value);
        }
    }

    /** Stochastic gradient descent: {@code θ -= lr·g}. */
    public static Optimizer sgd(double learningRate) {
        return new Optimizer(Kind.SGD, learningRate, 0, 0, 0, 0);
    }

    /** SGD with momentum: {@code v = μ·v + g; θ -= lr·v}. */
    public static Optimizer momentum(double learningRate, double momentum) {
        return new Optimizer(Kind.MOMENTUM, learningRate, momentum, 0, 0, 0);
    }

    /** Adam (Kingma and Ba, 2015) with β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public static Optimizer adam(double learningRate) {
        return adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /** Adam with bias-corrected moments: {@code θ -= lr·m̂ / (sqrt(v̂) + ε)}. */
    public static Optimizer adam(double learningRate, double beta1, double beta2, double epsilon) {
        return new Optimizer(Kind.ADAM, learningRate, beta1, beta2, epsilon, 0);
    }

    /**
     * This optimizer with L2 weight decay {@code λ}: the gradient of every weight matrix gains {@code λ·W}
     * (biases are not decayed). The reported loss does not include the penalty.
     */
    public Optimizer withWeightDecay(double lambda) {
        return new Optimizer(kind, learningRate, beta1, beta2, epsilon, lambda);
    }

    static Optimizer of(Kind kind, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        return new Optimizer(kind, learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** Which algorithm. */
    public Kind kind() {
        return kind;
    }

    /** The step size. */
    public double learningRate() {
        return learningRate;
    }

    /** The momentum (MOMENTUM) or β1 (ADAM); 0 for SGD. */
    public double beta1() {
        return beta1;
    }

    /** β2 (ADAM); 0 otherwise. */
    public double beta2() {
        return beta2;
    }

    /** ε (ADAM); 0 otherwise. */
    public double epsilon() {
        return epsilon;
    }

    /** The L2 weight decay λ; 0 for none. */
    public double weightDecay() {
        return weightDecay;
    }

    /** A fresh update rule for {@code parameter}, with zeroed state on its backend. */
    ParameterUpdate newUpdate(Backend backend, Tensor parameter, boolean decayed) {
        double decay = decayed ? weightDecay : 0;
        switch (kind) {
            case SGD: return new SgdUpdate(backend, learningRate, decay);
            case MOMENTUM: return new MomentumUpdate(backend, parameter, learningRate, beta1, decay);
            case ADAM: return new AdamUpdate(backend, parameter, learningRate, beta1, beta2, epsilon, decay);
            default: throw new AssertionError(kind);
        }
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        String args;
        switch (kind) {
            case SGD: args = "lr=" + learningRate; break;
            case MOMENTUM: args = "lr=" + learningRate + ", momentum=" + beta1; break;
            default: args = "lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon; break;
        }
        return name + "(" + args + (weightDecay > 0 ? ", weightDecay=" + weightDecay : "") + ")";
    }
}
