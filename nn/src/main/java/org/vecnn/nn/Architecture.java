package org.vecnn.nn;

import java.util.List;
import org.vecnn.DType;

/** A validated network definition: everything but the parameters. */
final class Architecture {
    /** The most elements one tensor (one Java array) holds. */
    static final long MAX_TENSOR = Integer.MAX_VALUE - 8;

    final int inputs;
    final List<LayerSpec> layers;
    final Loss loss;
    final Optimizer optimizer;
    final long seed;
    final DType dtype;
    /** The input scaling applied before the first layer; null for none. */
    final Standardization standardization;

    Architecture(int inputs, List<LayerSpec> layers, Loss loss, Optimizer optimizer, long seed, DType dtype) {
        this(inputs, layers, loss, optimizer, seed, dtype, null);
    }

    Architecture(int inputs, List<LayerSpec> layers, Loss loss, Optimizer optimizer, long seed, DType dtype,
            Standardization standardization) {
        this.standardization = standardization;
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.optimizer = optimizer;
        this.seed = seed;
        this.dtype = dtype;
        validate();
    }

    private void validate() {
        if (inputs <= 0) {
            throw new InvalidNetworkException("no input: call input(n) with the number of features, n > 0");
        }
        if (layers.isEmpty()) {
            throw new InvalidNetworkException("no layers: add at least one dense(units, activation) after input("
                    + inputs + ")");
        }
        if (standardization != null && standardization.featureCount() != inputs) {
            throw new InvalidNetworkException("standardize: the standardization has " + standardization.featureCount()
                    + " features but the network " + inputs + " inputs");
        }
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i).activation.kind() == Activation.Kind.SOFTMAX) {
                throw new InvalidNetworkException("softmax may only be the activation of the last layer, but layer "
                        + (i + 1) + " of " + layers.size() + " uses it");
            }
        }
        if (loss == null) {
            throw new InvalidNetworkException("no loss: call loss(Loss.CROSS_ENTROPY), loss(Loss.MSE) or "
                    + "loss(Loss.BINARY_CROSS_ENTROPY)");
        }
        if (optimizer == null) {
            throw new InvalidNetworkException("no optimizer: call optimizer(Optimizer.sgd(0.1)) or another Optimizer");
        }
        for (int i = 0; i < layers.size(); i++) {
            long weights = (long) inputsOf(i) * layers.get(i).units;
            if (weights > MAX_TENSOR) {
                throw new InvalidNetworkException("layer " + (i + 1) + ", dense(" + layers.get(i).units + "): "
                        + inputsOf(i) + " inputs x " + layers.get(i).units + " units = " + weights
                        + " weights, more than the " + MAX_TENSOR + " one tensor holds; use fewer units");
            }
        }
        String problem = loss.incompatibility(output().activation);
        if (problem != null) {
            throw new InvalidNetworkException(problem);
        }
    }

    LayerSpec output() {
        return layers.get(layers.size() - 1);
    }

    int outputs() {
        return output().units;
    }

    int inputsOf(int layer) {
        return layer == 0 ? inputs : layers.get(layer - 1).units;
    }

    /**
     * E.g. {@code 784 -> dense(256, relu) -> dense(10, softmax), cross_entropy, sgd(lr=0.1), float32}, with
     * {@code -> standardize} after the input count where the inputs are standardized.
     */
    String describe() {
        StringBuilder text = new StringBuilder().append(inputs);
        if (standardization != null) {
            text.append(" -> standardize");
        }
        for (LayerSpec layer : layers) {
            text.append(" -> dense(").append(layer.units).append(", ").append(layer.activation).append(')');
        }
        return text.append(", ").append(loss.name().toLowerCase(java.util.Locale.ROOT)).append(", ")
                .append(optimizer).append(", ").append(dtype.numpyName()).toString();
    }
}
