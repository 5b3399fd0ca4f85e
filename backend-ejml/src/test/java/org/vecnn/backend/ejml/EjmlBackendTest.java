package org.vecnn.backend.ejml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/** EJML-specific paths; the full contract runs in it-tests (EjmlTckIT). */
class EjmlBackendTest {
    private final Backend single = Backend.of("ejml-single", new EjmlBackend(new Threading(Long.MAX_VALUE)));
    private final Backend threaded = Backend.of("ejml-threaded", new EjmlBackend(new Threading(0)));

    @Test
    void isTheDefaultOverLoops() {
        assertThat(Backends.get().name()).isEqualTo("ejml");
        assertThat(Backends.get("ejml").capabilities().accelerated()).contains("matmul", "product", "reduce");
    }

    @Test
    void threadedKernelsGiveTheSameProductsAsSingleThreadedOnes() {
        SplittableRandom random = new SplittableRandom(7);
        for (DType dtype : DType.values()) {
            double[] x = values(random, 150 * 90);
            double[] y = values(random, 90 * 70);
            float[] expected = single.matmul(single.fromArray(x, Shape.of(150, 90), dtype), single.fromArray(y, Shape.of(90, 70), dtype)).toFloatArray();
            float[] actual = threaded.matmul(threaded.fromArray(x, Shape.of(150, 90), dtype), threaded.fromArray(y, Shape.of(90, 70), dtype)).toFloatArray();
            assertThat(actual).containsExactly(expected);
            Tensor ta = threaded.fromArray(x, Shape.of(90, 150), dtype);
            Tensor sa = single.fromArray(x, Shape.of(90, 150), dtype);
            assertThat(threaded.matmulTransposeA(ta, ta).toFloatArray())
                    .containsExactly(single.matmulTransposeA(sa, sa).toFloatArray());
        }
    }

    @Test
    void stackedAndBroadcastBatchesMatchTheirSlices() {
        SplittableRandom random = new SplittableRandom(11);
        double[] x = values(random, 3 * 4 * 5);
        double[] y = values(random, 2 * 5 * 6);
        Tensor a = single.fromArray(x, 3, 1, 4, 5);
        Tensor b = single.fromArray(y, 2, 5, 6);
        Tensor product = single.matmul(a, b);
        assertThat(product.shape()).isEqualTo(Shape.of(3, 2, 4, 6));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double[] ai = java.util.Arrays.copyOfRange(x, i * 20, i * 20 + 20);
                double[] bj = java.util.Arrays.copyOfRange(y, j * 30, j * 30 + 30);
                double[] slice = single.fromArray(ai, 4, 5).matmul(single.fromArray(bj, 5, 6)).toDoubleArray();
                double[] all = product.toDoubleArray();
                assertThat(java.util.Arrays.copyOfRange(all, (i * 2 + j) * 24, (i * 2 + j) * 24 + 24)).containsExactly(slice);
            }
        }
        Tensor stacked = single.matmul(single.fromArray(x, 3, 4, 5), single.fromArray(java.util.Arrays.copyOf(y, 30), 5, 6));
        assertThat(stacked.shape()).isEqualTo(Shape.of(3, 4, 6));
    }

    @Test
    void broadcastsRowsColumnsAndScalars() {
        Tensor m = single.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(m.add(single.fromArray(new float[] {10, 20, 30}, 3)).toFloatArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(m.subtract(single.fromArray(new float[] {1, 2}, 2, 1)).toFloatArray()).containsExactly(0, 1, 2, 2, 3, 4);
        assertThat(single.scalar(12, DType.FLOAT32).divide(m).toFloatArray()).containsExactly(12, 6, 4, 3, 2.4f, 2);
        assertThat(m.multiply(single.scalar(-1, DType.FLOAT32)).toFloatArray()).containsExactly(-1, -2, -3, -4, -5, -6);
    }

    @Test
    void exactlyZeroProductsArePositiveZeroThoughEjmlSeedsSumsWithTheFirstTerm() {
        Tensor negativeZero = single.fromArray(new float[] {-0.0f}, 1, 1);
        Tensor one = single.fromArray(new float[] {1f}, 1, 1);
        assertThat(Float.floatToRawIntBits(negativeZero.matmul(one).getFloat(0, 0))).isZero();
        assertThat(Float.floatToRawIntBits(single.matmulTransposeA(negativeZero, one).getFloat(0, 0))).isZero();
    }

    @Test
    void thresholdPropertyIsReadAndChecked() {
        System.setProperty(Threading.PROPERTY, "1000");
        try {
            assertThat(Threading.fromSystemProperties().threshold()).isEqualTo(1000);
            System.setProperty(Threading.PROPERTY, "lots");
            assertThatThrownBy(Threading::fromSystemProperties).hasMessageContaining(Threading.PROPERTY);
        } finally {
            System.clearProperty(Threading.PROPERTY);
        }
        assertThat(Threading.fromSystemProperties().threshold()).isEqualTo(Threading.DEFAULT_THRESHOLD);
    }

    private static double[] values(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }
}
