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

    @Override
    public void apply(Tensor parameter, Tensor gradient, long step) {
        if (decay > 0) {
            backend.axpy(decay, parameter, gradient);
        }
        backend.axpy(-learningRate, gradient, parameter);
    }
}
