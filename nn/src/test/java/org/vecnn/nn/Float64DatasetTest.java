package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Backend;

/** Datasets of doubles: a FLOAT64 model sees them unrounded, a FLOAT32 model rounded once. */
class Float64DatasetTest {
    private final Backend loops = Backends.get("loops");
    private static final double X = 1 + 1e-9;

    @Test
    void float64FeaturesReachAFloat64ModelUnrounded() {
        Dataset data = Dataset.regression(new double[] {X, -X}, 1, new double[] {0.1, 0.2}, 1);
        assertThat(data.isFloat64()).isTrue();
        assertThat(data.features(loops, DType.FLOAT64).toDoubleArray()).containsExactly(X, -X);
        assertThat(data.targets(loops, DType.FLOAT64).toDoubleArray()).containsExactly(0.1, 0.2);
        assertThat(data.features(loops, DType.FLOAT32).toDoubleArray()).containsExactly(1.0, -1.0);
        for (Batch batch : data.batches(loops, DType.FLOAT64, 2)) {
            assertThat(batch.features().toDoubleArray()).containsExactly(X, -X);
        }
        assertThat(data.slice(1, 2).features(loops, DType.FLOAT64).toDoubleArray()).containsExactly(-X);
        Mlp net = Mlp.builder().input(1).dense(1, Activation.IDENTITY).loss(Loss.MSE).optimizer(Optimizer.sgd(0.1))
                .dtype(DType.FLOAT64).seed(4).build(loops);
        double w = net.weights(0)[0];
        double b = net.biases(0)[0];
        double expected = (Math.pow(w * X + b - 0.1, 2) + Math.pow(-w * X + b - 0.2, 2)) / 2;
        assertThat(net.evaluate(data).loss()).isEqualTo(expected);
        Dataset rounded = Dataset.regression(data.featureArray(), 1, data.targetArray(), 1);
        assertThat(net.evaluate(rounded).loss()).isNotEqualTo(expected);
    }

    @Test
    void float64ClassificationDataTrainsAndRefusesNonFiniteValues() {
        Dataset data = Dataset.classification(new double[] {X, 0, 0, X}, 2, new int[] {0, 1}, 2);
        assertThat(data.features(loops, DType.FLOAT64).toDoubleArray()).containsExactly(X, 0, 0, X);
        assertThat(data.labels()).containsExactly(0, 1);
        assertThatThrownBy(() -> Dataset.classification(new double[] {1, Double.NaN}, 1, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example 1, column 0");
    }
}
