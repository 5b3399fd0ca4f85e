package org.vecnn.backend.loops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/** Hand-checked values; the full contract runs in vecnn-tck and it-tests. */
class LoopsBackendTest {
    private final Backend loops = Backends.get("loops");

    @Test
    void isFoundThroughTheServicesFile() {
        assertThat(loops.name()).isEqualTo("loops");
        assertThat(Backends.get()).isSameAs(loops);
    }

    @Test
    void readmeExampleGivesWhatTheReadmeSays() {
        Backend backend = Backends.get();
        Tensor x = backend.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = backend.fromArray(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Tensor b = backend.fromArray(new float[] {0.5f, -0.5f}, 2);
        assertThat(x.matmul(w).add(b).relu().toFloatArray()).containsExactly(4.5f, 4.5f, 10.5f, 10.5f);
    }

    @Test
    void multipliesMatrices() {
        Tensor a = loops.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = loops.fromArray(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertThat(a.matmul(b).toDoubleArray()).containsExactly(58, 64, 139, 154);
        assertThat(a.matmul(b).shape()).isEqualTo(Shape.of(2, 2));
    }

    @Test
    void accumulatesInFloatInIndexOrderFromPositiveZero() {
        Tensor a = loops.fromArray(new float[] {1e8f, 1f, -1e8f}, 1, 3);
        Tensor b = loops.fromArray(new float[] {1f, 1f, 1f}, 3, 1);
        assertThat(a.matmul(b).getFloat(0, 0)).isEqualTo((1e8f + 1f) + -1e8f);
        Tensor negativeZero = loops.fromArray(new float[] {-0.0f}, 1, 1);
        assertThat(Float.floatToRawIntBits(negativeZero.matmul(loops.fromArray(new float[] {1f}, 1, 1)).getFloat(0, 0)))
                .isEqualTo(Float.floatToRawIntBits(0.0f));
    }

    @Test
    void broadcastsAddAndMultiply() {
        Tensor a = loops.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = loops.fromArray(new double[] {10, 20, 30}, 3);
        Tensor column = loops.fromArray(new double[] {2, 3}, 2, 1);
        assertThat(a.add(row).toDoubleArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(a.multiply(column).toDoubleArray()).containsExactly(2, 4, 6, 12, 15, 18);
        assertThat(loops.scalar(2, DType.FLOAT32).add(row.as(DType.FLOAT32)).toFloatArray()).containsExactly(12, 22, 32);
    }

    @Test
    void dotsVectorsAndMatrixRows() {
        Tensor v = loops.fromArray(new double[] {1, 2, 3}, 3);
        assertThat(v.dot(v).shape()).isEqualTo(Shape.scalar());
        assertThat(v.dot(v).getDouble()).isEqualTo(14);
        Tensor m = loops.fromArray(new double[] {1, 0, 0, 0, 1, 0}, 2, 3);
        assertThat(m.dot(v).toDoubleArray()).containsExactly(1, 2);
    }
}
