package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Backend;

class MlpBuilderTest {
    private final Backend loops = Backends.get("loops");

    private static MlpBuilder classifier() {
        return Mlp.builder().input(4).dense(8, Activation.RELU).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1));
    }

    @Test
    void buildsTheDocumentedNetwork() {
        Mlp net = classifier().seed(42).dtype(DType.FLOAT64).build(loops);
        assertThat(net.inputSize()).isEqualTo(4);
        assertThat(net.outputSize()).isEqualTo(3);
        assertThat(net.layerCount()).isEqualTo(2);
        assertThat(net.units(0)).isEqualTo(8);
        assertThat(net.activation(1)).isEqualTo(Activation.SOFTMAX);
        assertThat(net.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(net.backend()).isSameAs(loops);
        assertThat(net.seed()).isEqualTo(42);
        assertThat(net.weights(0)).hasSize(32);
        assertThat(net.biases(1)).containsExactly(0, 0, 0);
        assertThat(net.toString()).isEqualTo("Mlp(4 -> dense(8, relu) -> dense(3, softmax), cross_entropy, sgd(lr=0.1), "
                + "float64 on loops)");
    }

    @Test
    void defaultsToFloat32() {
        assertThat(classifier().build(loops).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void refusesANetworkWithoutInput() {
        assertThatThrownBy(() -> Mlp.builder().dense(3, Activation.RELU))
                .isInstanceOf(InvalidNetworkException.class).hasMessageContaining("call input(n) before the first layer");
        assertThatThrownBy(() -> Mlp.builder().loss(Loss.MSE).optimizer(Optimizer.sgd(1)).build(loops))
                .isInstanceOf(InvalidNetworkException.class).hasMessageContaining("no input");
    }

    @Test
    void refusesBadSizes() {
        assertThatThrownBy(() -> Mlp.builder().input(0)).hasMessageContaining("must be > 0, got 0");
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(0, Activation.RELU))
                .isInstanceOf(InvalidNetworkException.class).hasMessageContaining("layer 1 must have > 0 units, got 0");
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(2, Activation.RELU).input(4))
                .hasMessageContaining("must come before the first dense layer");
    }

    @Test
    void refusesANetworkWithoutLayersLossOrOptimizer() {
        assertThatThrownBy(() -> Mlp.builder().input(3).loss(Loss.MSE).optimizer(Optimizer.sgd(1)).build(loops))
                .hasMessageContaining("no layers");
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(2, Activation.IDENTITY).optimizer(Optimizer.sgd(1))
                .build(loops)).hasMessageContaining("no loss");
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(2, Activation.IDENTITY).loss(Loss.MSE).build(loops))
                .hasMessageContaining("no optimizer");
        assertThatThrownBy(() -> classifier().build(null)).hasMessageContaining("backend is null");
    }

    @Test
    void refusesSoftmaxAnywhereButLast() {
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(4, Activation.SOFTMAX).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(1)).build(loops))
                .isInstanceOf(InvalidNetworkException.class)
                .hasMessage("softmax may only be the activation of the last layer, but layer 1 of 2 uses it");
    }

    @Test
    void refusesLossesThatDoNotFitTheOutput() {
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(2, Activation.SOFTMAX).loss(Loss.MSE)
                .optimizer(Optimizer.sgd(1)).build(loops)).hasMessageContaining("must be trained with Loss.CROSS_ENTROPY");
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(2, Activation.RELU).loss(Loss.CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(1)).build(loops)).hasMessageContaining("needs a softmax output layer");
        assertThatThrownBy(() -> Mlp.builder().input(3).dense(1, Activation.TANH).loss(Loss.BINARY_CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(1)).build(loops)).hasMessageContaining("needs a sigmoid output layer");
    }

    @Test
    void refusesBadOptimizerSettings() {
        assertThatThrownBy(() -> Optimizer.sgd(0)).hasMessageContaining("learning rate must be finite and > 0");
        assertThatThrownBy(() -> Optimizer.momentum(0.1, 1.0)).hasMessageContaining("momentum must be in [0, 1)");
        assertThatThrownBy(() -> Optimizer.adam(0.1, 0.9, -0.1, 1e-8)).hasMessageContaining("beta2");
        assertThatThrownBy(() -> Optimizer.sgd(0.1).withWeightDecay(-1)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> Activation.leakyRelu(Double.NaN)).hasMessageContaining("slope must be finite");
    }

    @Test
    void refusesDataOfTheWrongWidth() {
        Mlp net = classifier().build(loops);
        Dataset wrong = Dataset.classification(new float[] {1, 2, 3}, 3, new int[] {1}, 3);
        assertThatThrownBy(() -> net.fit(wrong, Fit.epochs(1)))
                .hasMessage("fit: the network maps 4 inputs to 3 outputs, but the data has 3 features and 3 targets "
                        + "per example");
        assertThatThrownBy(() -> Fit.epochs(0)).hasMessageContaining("epochs must be > 0");
        assertThatThrownBy(() -> Fit.epochs(1).batchSize(0)).hasMessageContaining("batchSize must be > 0");
    }
}
