package org.vecnn.nn;

import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.UnaryOp;

/**
 * Adam: {@code m = β1·m + (1-β1)·g}, {@code v = β2·v + (1-β2)·g²},
 * {@code θ -= lr·m̂ / (sqrt(v̂) + ε)} with {@code m̂ = m/(1-β1^t)}, {@code v̂ = v/(1-β2^t)}.
 */
final class AdamUpdate implements ParameterUpdate {
    private final Backend backend;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double decay;
    private final Tensor m;
    private final Tensor v;
    private final Tensor scratch;
    private final Tensor epsilon;

    AdamUpdate(Backend backend, Tensor parameter, double learningRate, double beta1, double beta2, double epsilon,
            double decay) {
        this.backend = backend;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.decay = decay;
        DType dtype = parameter.dtype();
        this.m = backend.zeros(parameter.shape(), dtype);
        this.v = backend.zeros(parameter.shape(), dtype);
        this.scratch = backend.zeros(parameter.shape(), dtype);
        this.epsilon = backend.full(Shape.scalar(), dtype, epsilon);
    }

    @Override
    public void close() {
        LayerBuffers.closeAll(m, v, scratch, epsilon);
    }

    @Override
    public void apply(Tensor parameter, Tensor gradient, long step) {
        if (decay > 0) {
            backend.axpy(decay, parameter, gradient);
        }
        backend.scale(m, beta1, m);
        backend.axpy(1 - beta1, gradient, m);
        backend.map(UnaryOp.SQUARE, gradient, scratch);
        backend.scale(v, beta2, v);
        backend.axpy(1 - beta2, scratch, v);
        // sqrt(v̂) = sqrt(v) / sqrt(1-β2^t): the corrections become one scale and the step size.
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        backend.map(UnaryOp.SQRT, v, scratch);
        backend.scale(scratch, 1 / Math.sqrt(correction2), scratch);
        backend.add(scratch, epsilon, scratch);
        backend.divide(m, scratch, scratch);
        backend.axpy(-learningRate / correction1, scratch, parameter);
    }
}
