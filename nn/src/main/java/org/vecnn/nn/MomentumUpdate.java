package org.vecnn.nn;

import org.vecnn.Tensor;
import org.vecnn.Backend;

/** Heavy-ball momentum: {@code v = μv + (g + λθ); θ -= lr·v}. */
final class MomentumUpdate implements ParameterUpdate {
    private final Backend backend;
    private final double learningRate;
    private final double momentum;
    private final double decay;
    private final Tensor velocity;

    MomentumUpdate(Backend backend, Tensor parameter, double learningRate, double momentum, double decay) {
        this.backend = backend;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.decay = decay;
        this.velocity = backend.zeros(parameter.shape(), parameter.dtype());
    }

    @Override
    public void close() {
        velocity.close();
    }

    @Override
    public void apply(Tensor parameter, Tensor gradient, long step) {
        if (decay > 0) {
            backend.axpy(decay, parameter, gradient);
        }
        backend.scale(velocity, momentum, velocity);
        backend.axpy(1.0, gradient, velocity);
        backend.axpy(-learningRate, velocity, parameter);
    }
}
