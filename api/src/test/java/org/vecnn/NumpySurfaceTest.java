package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NumPy's everyday surface, value for value as NumPy gives it. */
class NumpySurfaceTest {
    private final TestBackends.Counting kernels = new TestBackends.Counting();
    private final Backend np = Backend.of("counting", kernels);

    @Test
    void theLessonsForwardPassInAFewLines() {
        Tensor x = np.rand(0, DType.FLOAT64, 10, 3);
        Tensor w = np.rand(1, DType.FLOAT64, 3);
        Tensor y = x.dot(w).add(0.5);
        double[] loop = new double[10];
        for (int i = 0; i < 10; i++) {
            loop[i] = x.row(i).dot(w).item() + 0.5;
        }
        assertThat(np.fromArray(loop, 10).allclose(y)).isTrue();
        assertThat(y.shape()).isEqualTo(Shape.of(10));
    }

    @Test
    void creation() {
        assertThat(np.ones(Shape.of(2, 2), DType.FLOAT32).toFloatArray()).containsExactly(1, 1, 1, 1);
        assertThat(np.arange(5, DType.FLOAT64).toDoubleArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(np.arange(1, 2, 0.25, DType.FLOAT64).toDoubleArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(np.arange(3, 1, 1, DType.FLOAT64).size()).isZero();
        assertThat(np.eye(3, DType.FLOAT32).toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(np.full(Shape.of(2), DType.FLOAT32, 0.1).toFloatArray()).containsExactly(0.1f, 0.1f);
        assertThatThrownBy(() -> np.arange(0, 1, 0, DType.FLOAT64)).hasMessageStartingWith("arange: ");
    }

    @Test
    void seededRandomTensorsAreJavaUtilRandomsSequence() {
        java.util.Random r = new java.util.Random(42);
        double[] want = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
        assertThat(np.rand(42, DType.FLOAT64, 3).toDoubleArray()).containsExactly(want);
        java.util.Random g = new java.util.Random(7);
        assertThat(np.randn(7, DType.FLOAT32, 2).toFloatArray()).containsExactly((float) g.nextGaussian(), (float) g.nextGaussian());
    }

    @Test
    void reshapeIsAViewAndTransposesReverseAxes() {
        Tensor a = np.arange(6, DType.FLOAT64);
        Tensor m = a.reshape(2, -1);
        assertThat(m.shape()).isEqualTo(Shape.of(2, 3));
        np.fill(m, 7);
        assertThat(a.toDoubleArray()).containsOnly(7.0);
        Tensor t = np.arange(24, DType.FLOAT64).reshape(2, 3, 4).T();
        assertThat(t.shape()).isEqualTo(Shape.of(4, 3, 2));
        assertThat(t.getDouble(1, 2, 1)).isEqualTo(1 * 12 + 2 * 4 + 1);
        assertThat(np.arange(6, DType.FLOAT64).reshape(2, 3).transpose(1, 0).toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThatThrownBy(() -> a.reshape(4, -1)).hasMessage("reshape: cannot reshape array of size 6 into shape (4,-1)");
        a.close();
        assertThatThrownBy(m::sum).hasMessageContaining("was closed");
    }

    @Test
    void rowsSlicesScalarsReductionsAndItem() {
        Tensor m = np.arange(6, DType.FLOAT32).reshape(3, 2);
        assertThat(m.row(-1).toFloatArray()).containsExactly(4, 5);
        assertThat(m.slice(1, 100).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(m.slice(-1, 0).shape()).isEqualTo(Shape.of(0, 2));
        assertThat(m.add(1).multiply(2).subtract(1).divide(2).toFloatArray()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f);
        assertThat(m.sum().item()).isEqualTo(15.0);
        assertThat(m.mean().item()).isEqualTo(2.5);
        assertThat(m.max().item()).isEqualTo(5.0);
        assertThatThrownBy(m::item).hasMessageStartingWith("item: ");
    }

    @Test
    void allcloseFollowsNumpy() {
        Tensor a = np.fromArray(new double[] {1, Double.POSITIVE_INFINITY, 1e-9}, 3);
        assertThat(a.allclose(np.fromArray(new double[] {1 + 1e-6, Double.POSITIVE_INFINITY, 0}, 3))).isTrue();
        assertThat(a.allclose(np.fromArray(new double[] {1.1, Double.POSITIVE_INFINITY, 0}, 3))).isFalse();
        assertThat(np.fromArray(new double[] {Double.NaN}, 1).allclose(np.fromArray(new double[] {Double.NaN}, 1))).isFalse();
    }

    @Test
    void printsValuesAsNumpyDoes() {
        assertThat(np.fromArray(new double[] {1, 2.5, 3}, 3)).hasToString("array([1. , 2.5, 3. ])");
        assertThat(np.zeros(Shape.of(2, 3), DType.FLOAT32)).hasToString("array([[0., 0., 0.],\n       [0., 0., 0.]], dtype=float32)");
        assertThat(np.scalar(-0.0, DType.FLOAT64)).hasToString("array(-0.)");
        assertThat(np.fromArray(new double[] {Double.NaN, Double.NEGATIVE_INFINITY}, 2)).hasToString("array([ nan, -inf])");
        assertThat(np.fromArray(new double[] {1e-5, 1e5}, 2)).hasToString("array([1.e-05, 1.e+05])");
        String big = np.arange(2000, DType.FLOAT64).toString();
        assertThat(big).isEqualTo("array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n"
                + "       1.999e+03], shape=(2000,))");
    }
}
