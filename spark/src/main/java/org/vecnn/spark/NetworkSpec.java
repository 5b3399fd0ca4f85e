package org.vecnn.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.MlpBuilder;
import org.vecnn.nn.Optimizer;

/**
 * An {@link Mlp}'s definition without its parameters, small and serializable, read through the network's public
 * introspection so that executors can rebuild the same network on their own backend.
 */
final class NetworkSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final int inputs;
    final int[] units;
    final Activation.Kind[] activations;
    final double[] slopes;
    final Loss loss;
    final Optimizer.Kind optimizer;
    final double[] optimizerArgs;
    final long seed;
    final DType dtype;
    final int parameterCount;

    NetworkSpec(Mlp model) {
        this.inputs = model.inputSize();
        int layers = model.layerCount();
        this.units = new int[layers];
        this.activations = new Activation.Kind[layers];
        this.slopes = new double[layers];
        for (int i = 0; i < layers; i++) {
            units[i] = model.units(i);
            activations[i] = model.activation(i).kind();
            slopes[i] = model.activation(i).slope();
        }
        this.loss = model.loss();
        Optimizer o = model.optimizer();
        this.optimizer = o.kind();
        this.optimizerArgs = new double[] {o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), o.weightDecay()};
        this.seed = model.seed();
        this.dtype = model.dtype();
        this.parameterCount = model.parameterCount();
    }

    int outputs() {
        return units[units.length - 1];
    }

    /** The network's definition; building it gives fresh optimizer state and the initial weights of its seed. */
    MlpBuilder builder() {
        MlpBuilder builder = Mlp.builder().input(inputs);
        for (int i = 0; i < units.length; i++) {
            builder.dense(units[i], activation(activations[i], slopes[i]));
        }
        return builder.loss(loss).optimizer(optimizer()).seed(seed).dtype(dtype);
    }

    private static Activation activation(Activation.Kind kind, double slope) {
        switch (kind) {
            case IDENTITY: return Activation.IDENTITY;
            case RELU: return Activation.RELU;
            case LEAKY_RELU: return Activation.leakyRelu(slope);
            case SIGMOID: return Activation.SIGMOID;
            case TANH: return Activation.TANH;
            case SOFTMAX: return Activation.SOFTMAX;
            default: throw new AssertionError(kind);
        }
    }

    private Optimizer optimizer() {
        double lr = optimizerArgs[0];
        Optimizer o;
        switch (optimizer) {
            case SGD: o = Optimizer.sgd(lr); break;
            case MOMENTUM: o = Optimizer.momentum(lr, optimizerArgs[1]); break;
            case ADAM: o = Optimizer.adam(lr, optimizerArgs[1], optimizerArgs[2], optimizerArgs[3]); break;
            default: throw new AssertionError(optimizer);
        }
        return optimizerArgs[4] > 0 ? o.withWeightDecay(optimizerArgs[4]) : o;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof NetworkSpec)) {
            return false;
        }
        NetworkSpec that = (NetworkSpec) other;
        return inputs == that.inputs && Arrays.equals(units, that.units) && Arrays.equals(activations, that.activations)
                && Arrays.equals(slopes, that.slopes) && loss == that.loss && optimizer == that.optimizer
                && Arrays.equals(optimizerArgs, that.optimizerArgs) && seed == that.seed && dtype == that.dtype;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, Arrays.hashCode(units), loss, optimizer, seed, dtype);
    }
}
