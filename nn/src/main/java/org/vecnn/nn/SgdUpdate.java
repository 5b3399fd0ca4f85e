package org.vecnn.nn;

import org.vecnn.Tensor;
import org.vecnn.Backend;

/** {@code θ -= lr·(g + λθ)}. */
final class SgdUpdate implements ParameterUpdate {
    private final Backend backend;
    private final double learningRate;
    private final double decay;

    SgdUpdate(Backend backend, double learningRate, double decay) {
        this.backend = backend;
        this.learningRate = learningRate;
        this.decay = decay;
    }

    /** The learning rate when this is plain SGD (no weight decay), whose step may be fused into a product; else NaN. */
    double plainLearningRate() {
        return decay > 0 ? Double.NaN : learningRate;
    }

    @Override
    public void apply(Tensor parameter, Tensor gradient, long step) {
        if (decay > 0) {
            backend.axpy(decay, parameter, gradient);
        }
        backend.axpy(-learningRate, gradient, parameter);
    }
}
