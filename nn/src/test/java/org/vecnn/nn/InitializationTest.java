package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Backend;

class InitializationTest {
    private final Backend loops = Backends.get("loops");

    private Mlp net(long seed, DType dtype, Initializer first) {
        return Mlp.builder().input(300).dense(200, Activation.RELU, first).dense(100, Activation.TANH).loss(Loss.MSE)
                .optimizer(Optimizer.sgd(0.1)).seed(seed).dtype(dtype).build(loops);
    }

    @Test
    void sameSeedSameWeightsInEveryDtype() {
        Mlp wide = net(42, DType.FLOAT64, Initializer.HE);
        Mlp narrow = net(42, DType.FLOAT32, Initializer.HE);
        Mlp again = net(42, DType.FLOAT64, Initializer.HE);
        for (int layer = 0; layer < 2; layer++) {
            double[] w64 = wide.weights(layer);
            double[] w32 = narrow.weights(layer);
            assertThat(again.weights(layer)).containsExactly(w64);
            for (int i = 0; i < w64.length; i++) {
                assertThat(w32[i]).isEqualTo((double) (float) w64[i]);
            }
            assertThat(wide.biases(layer)).containsOnly(0.0);
        }
    }

    @Test
    void otherSeedOtherWeights() {
        assertThat(net(1, DType.FLOAT64, Initializer.HE).weights(0)).isNotEqualTo(net(2, DType.FLOAT64, Initializer.HE).weights(0));
    }

    @Test
    void heHasTheStatedSpread() {
        double[] w = net(7, DType.FLOAT64, Initializer.HE).weights(0);
        double mean = 0;
        double square = 0;
        for (double v : w) {
            mean += v;
            square += v * v;
        }
        mean /= w.length;
        double std = Math.sqrt(square / w.length - mean * mean);
        // 60,000 draws: the sample standard deviation is within 1% of sqrt(2/300) with overwhelming probability.
        assertThat(std).isCloseTo(Math.sqrt(2.0 / 300), org.assertj.core.data.Percentage.withPercentage(1.5));
        assertThat(Math.abs(mean)).isLessThan(0.002);
    }

    @Test
    void xavierStaysWithinItsLimit() {
        Mlp net = net(7, DType.FLOAT64, Initializer.XAVIER);
        double limit0 = Math.sqrt(6.0 / 500);
        double limit1 = Math.sqrt(6.0 / 300);
        double max0 = 0;
        for (double v : net.weights(0)) {
            max0 = Math.max(max0, Math.abs(v));
        }
        assertThat(max0).isLessThanOrEqualTo(limit0).isGreaterThan(0.99 * limit0);
        for (double v : net.weights(1)) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(limit1);
        }
    }
}
