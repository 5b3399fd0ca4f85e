package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.DType;
import org.vecnn.Backend;

/**
 * The fluent definition of an {@link Mlp}: {@code input(n)}, one or more {@code dense(units, activation)},
 * {@code loss}, {@code optimizer}, optionally {@code seed} (default 0) and {@code dtype} (default FLOAT32),
 * then {@link #build(Backend)}. Values are checked as they are given, the network as a whole when it is
 * built; every problem is an {@link InvalidNetworkException} that says what to change.
 */
public final class MlpBuilder {
    private int inputs;
    private final List<LayerSpec> layers = new ArrayList<>();
    private Loss loss;
    private Optimizer optimizer;
    private long seed;
    private DType dtype = DType.FLOAT32;
    private Standardization standardization;

    MlpBuilder() {
    }

    /** The number of input features. */
    public MlpBuilder input(int features) {
        if (features <= 0) {
            throw new InvalidNetworkException("input: the number of features must be > 0, got " + features);
        }
        if (!layers.isEmpty()) {
            throw new InvalidNetworkException("input(" + features + ") must come before the first dense layer");
        }
        this.inputs = features;
        return this;
    }

    /**
     * A fully connected layer of {@code units} outputs, {@code activation(X·W + b)}, initialised with He for the
     * ReLU family and Xavier/Glorot otherwise.
     */
    public MlpBuilder dense(int units, Activation activation) {
        if (activation == null) {
            throw new InvalidNetworkException("dense(" + units + "): activation is null; use Activation.IDENTITY for none");
        }
        return dense(units, activation, activation.prefersHe() ? Initializer.HE : Initializer.XAVIER);
    }

    /** A fully connected layer with an explicit weight initialiser. */
    public MlpBuilder dense(int units, Activation activation, Initializer initializer) {
        if (inputs == 0) {
            throw new InvalidNetworkException("dense(" + units + "): call input(n) before the first layer");
        }
        if (units <= 0) {
            throw new InvalidNetworkException("dense: layer " + (layers.size() + 1) + " must have > 0 units, got " + units);
        }
        if (activation == null || initializer == null) {
            throw new InvalidNetworkException("dense(" + units + "): activation and initializer must not be null");
        }
        layers.add(new LayerSpec(units, activation, initializer));
        return this;
    }

    /** The loss to minimize; it must suit the last layer's activation (see {@link Loss}). */
    public MlpBuilder loss(Loss loss) {
        if (loss == null) {
            throw new InvalidNetworkException("loss is null");
        }
        this.loss = loss;
        return this;
    }

    /** The optimizer. */
    public MlpBuilder optimizer(Optimizer optimizer) {
        if (optimizer == null) {
            throw new InvalidNetworkException("optimizer is null");
        }
        this.optimizer = optimizer;
        return this;
    }

    /** The seed of the initial weights (and nothing else); the same seed gives the same weights everywhere. */
    public MlpBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Standardize the inputs: the network computes {@code (x - mean) / scale} per feature before its first layer,
     * in training and in prediction, and saves the statistics with the model (usually
     * {@link Standardization#of(Dataset)} of the training data); its feature count must be {@code input}'s.
     */
    public MlpBuilder standardize(Standardization standardization) {
        if (standardization == null) {
            throw new InvalidNetworkException("standardize: standardization is null");
        }
        this.standardization = standardization;
        return this;
    }

    /** The element type of parameters and computations. */
    public MlpBuilder dtype(DType dtype) {
        if (dtype == null) {
            throw new InvalidNetworkException("dtype is null");
        }
        this.dtype = dtype;
        return this;
    }

    /**
     * Checks the definition as {@link #build} does, without a backend: a model file reader tells a bad definition
     * (a corrupted file) from a backend that cannot run it.
     *
     * @throws InvalidNetworkException if the definition is incomplete or inconsistent
     */
    public MlpBuilder validate() {
        new Architecture(inputs, layers, loss, optimizer, seed, dtype, standardization);
        return this;
    }

    /**
     * The network, its parameters initialised on {@code backend}.
     *
     * @throws InvalidNetworkException if the definition is incomplete or inconsistent, or the backend cannot run
     *                                 the dtype
     */
    public Mlp build(Backend backend) {
        return Mlp.create(new Architecture(inputs, layers, loss, optimizer, seed, dtype, standardization), backend);
    }
}
