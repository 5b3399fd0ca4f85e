package org.vecnn.nn;

import org.vecnn.Tensor;
import org.vecnn.UnaryOp;
import org.vecnn.Backend;

/**
 * A fully connected layer's parameters, gradients and optimizer state, all on the backend, and its passes as
 * whole-batch operations: forward {@code Z = X·W + b}, {@code A = f(Z)}; backward {@code dW = Xᵀ·dZ},
 * {@code db = Σ_rows dZ}, {@code dX = dZ·Wᵀ}.
 */
final class DenseLayer {
    final int inputs;
    final int units;
    final Activation activation;
    final Tensor weights;
    final Tensor bias;
    final Tensor weightGradient;
    final Tensor biasGradient;
    private final Backend backend;
    private final ParameterUpdate weightUpdate;
    private final ParameterUpdate biasUpdate;

    DenseLayer(Backend backend, Activation activation, Tensor weights, Tensor bias, Optimizer optimizer) {
        this.backend = backend;
        this.activation = activation;
        this.weights = weights;
        this.bias = bias;
        this.inputs = weights.shape().dim(0);
        this.units = weights.shape().dim(1);
        this.weightGradient = backend.zeros(weights.shape(), weights.dtype());
        this.biasGradient = backend.zeros(bias.shape(), bias.dtype());
        this.weightUpdate = optimizer.newUpdate(backend, weights, true);
        this.biasUpdate = optimizer.newUpdate(backend, bias, false);
    }

    /** Releases the parameters, their gradients and the optimizer state. */
    void close() {
        LayerBuffers.closeAll(weights, bias, weightGradient, biasGradient);
        weightUpdate.close();
        biasUpdate.close();
    }

    /**
     * {@code Z = X·W + b} and {@code A = f(Z)} into {@code buffers}: one fused call for an elementwise
     * activation, which a backend may run as one pass over the product's tiles. Without {@code activate} only
     * {@code Z}, for a loss that computes {@code A} with its gradient.
     */
    Tensor forward(Tensor x, LayerBuffers buffers, boolean activate) {
        UnaryOp f = activate ? activation.function() : null;
        if (f != null) {
            backend.denseForward(x, weights, bias, f, buffers.z, buffers.a);
        } else {
            backend.denseForward(x, weights, bias, null, buffers.z, null);
            if (activate) {
                activation.apply(backend, buffers.z, buffers.a, buffers.rowScratch);
            }
        }
        return buffers.a;
    }

    /** {@code dZ = dA ⊙ f'(Z)} into {@code buffers.dz}. */
    void activationBackward(Tensor da, LayerBuffers buffers) {
        activation.backward(backend, buffers.z, da, buffers.dz, buffers.scratch);
    }

    /**
     * The parameter gradients from {@code buffers.dz} and this layer's input {@code x}, and {@code dX} into
     * {@code buffers.dx} unless this is the first layer (which has no {@code dx}).
     */
    Tensor parameterBackward(Tensor x, LayerBuffers buffers) {
        backend.matmulTransposeA(x, buffers.dz, weightGradient);
        backend.sum(buffers.dz, 0, false, biasGradient);
        if (buffers.dx != null) {
            backend.matmulTransposeB(buffers.dz, weights, buffers.dx);
        }
        return buffers.dx;
    }

    /** Whether the optimizer is plain SGD, whose step {@link #parameterBackwardAndStep} fuses into the backward pass. */
    boolean fusesSgd() {
        return weightUpdate instanceof SgdUpdate sgd && !Double.isNaN(sgd.plainLearningRate());
    }

    /**
     * {@link #parameterBackward} and a plain SGD step in one, for {@link #fusesSgd()} layers: {@code db} and
     * {@code dX} (with the weights before the step), then {@code W -= lr·Xᵀ·dZ} as one {@code addProduct}, so
     * the weight gradient is never stored, and {@code b -= lr·db}. The same values as the separate steps, up to
     * the product's rounding where a backend fuses the update into its sums.
     */
    void parameterBackwardAndStep(Tensor x, LayerBuffers buffers) {
        double learningRate = ((SgdUpdate) weightUpdate).plainLearningRate();
        backend.sum(buffers.dz, 0, false, biasGradient);
        if (buffers.dx != null) {
            backend.matmulTransposeB(buffers.dz, weights, buffers.dx);
        }
        backend.addProduct(-learningRate, x, true, buffers.dz, false, weights);
        biasUpdate.apply(bias, biasGradient, 0);
    }

    /** One optimizer step on the weights and the bias, in place. */
    void update(long step) {
        weightUpdate.apply(weights, weightGradient, step);
        biasUpdate.apply(bias, biasGradient, step);
    }
}
