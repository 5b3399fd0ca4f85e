package org.vecnn.nn;

import org.vecnn.backend.loops.LoopsProvider;
import org.vecnn.tck.CountingKernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.Backend;

class PredictTest {
    private final Backend loops = Backends.get("loops");

    @Test
    void binaryClassesAreThresholdedAtOneHalf() {
        Mlp net = Mlp.builder().input(1).dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(0.1)).dtype(DType.FLOAT64).build(loops);
        double w = net.weights(0)[0];
        Tensor x = loops.fromArray(new double[] {-2 / w, 0, 3 / w}, 3, 1);
        double[] p = net.predict(x).toDoubleArray();
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(2)), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(p[1]).isEqualTo(0.5);
        assertThat(net.predictClasses(x)).containsExactly(0, 1, 1);
    }

    @Test
    void predictReturnsAFreshTensor() {
        Mlp net = Mlp.builder().input(2).dense(3, Activation.TANH).loss(Loss.MSE).optimizer(Optimizer.sgd(0.1))
                .build(loops);
        Tensor x = loops.fromArray(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor first = net.predict(x);
        float[] before = first.toFloatArray();
        net.predict(loops.fromArray(new float[] {-5, 6, 7, -8}, 2, 2));
        assertThat(first.toFloatArray()).containsExactly(before);
        assertThat(first.shape().dims()).containsExactly(2, 3);
    }

    @Test
    void refusesInputsThatDoNotFit() {
        Mlp net = Mlp.builder().input(2).dense(3, Activation.TANH).loss(Loss.MSE).optimizer(Optimizer.sgd(0.1))
                .build(loops);
        assertThatThrownBy(() -> net.predict(loops.fromArray(new double[] {1, 2}, 1, 2)))
                .isInstanceOf(InvalidNetworkException.class)
                .hasMessage("predict: input is float64 but the model is float32; convert it with x.as(DType.FLOAT32)");
        assertThatThrownBy(() -> net.predict(loops.fromArray(new float[] {1, 2, 3}, 1, 3)))
                .hasMessage("predict: input of shape (1,3) is not (n,2) with n > 0");
        assertThatThrownBy(() -> net.predictClasses(Backend.of("counting", new CountingKernels(new LoopsProvider().create())).fromArray(new float[] {1, 2}, 1, 2)))
                .hasMessageContaining("lives on backend counting but the model on loops; convert it with x.to(model.backend())");
    }
}
