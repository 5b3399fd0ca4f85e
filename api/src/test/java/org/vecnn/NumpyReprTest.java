package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code toString()} against NumPy 2.4's {@code repr}, character for character: each expected string was printed
 * by {@code repr(np.array(values, dtype=...))} (and {@code repr(np.zeros((40, 50)))},
 * {@code repr(np.arange(1200.).reshape(2, 2, 300))}).
 */
class NumpyReprTest {
    private final Backend np = Backend.of("counting", new TestBackends.Counting());

    private void check(DType dtype, double[] values, String numpy) {
        assertThat(np.fromArray(values, Shape.of(values.length), dtype).toString()).isEqualTo(numpy);
    }

    @Test
    void nonFiniteValuesArePaddedToTheWidthOfTheFiniteOnes() {
        check(DType.FLOAT64, new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-05}, "array([    nan,     inf, -0.e+00,  1.e-05])");
        check(DType.FLOAT32, new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-05}, "array([    nan,     inf, -0.e+00,  1.e-05], dtype=float32)");
        check(DType.FLOAT64, new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 1e+20}, "array([    nan,    -inf, -0.e+00,  1.e+20])");
        check(DType.FLOAT64, new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0}, "array([nan, inf, -0.])");
        check(DType.FLOAT64, new double[] {1000000000.0, 2000000000.0}, "array([1.e+09, 2.e+09])");
        check(DType.FLOAT32, new double[] {10000000.0, 20000000.0}, "array([1.e+07, 2.e+07], dtype=float32)");
        check(DType.FLOAT64, new double[] {10000000.0, 20000000.0}, "array([10000000., 20000000.])");
        check(DType.FLOAT64, new double[] {Double.NaN, 1000000000.0}, "array([   nan, 1.e+09])");
        check(DType.FLOAT64, new double[] {Double.NEGATIVE_INFINITY, 1.5, 2.25}, "array([-inf, 1.5 , 2.25])");
        check(DType.FLOAT32, new double[] {Double.NaN, 1.0}, "array([nan,  1.], dtype=float32)");
        check(DType.FLOAT32, new double[] {0.1, 0.2, 0.3}, "array([0.1, 0.2, 0.3], dtype=float32)");
        check(DType.FLOAT32, new double[] {123456.7}, "array([123456.7], dtype=float32)");
        check(DType.FLOAT64, new double[] {1e-05, 100000.0}, "array([1.e-05, 1.e+05])");
        check(DType.FLOAT64, new double[] {-1.5e-07, 3.0}, "array([-1.5e-07,  3.0e+00])");
        check(DType.FLOAT64, new double[] {Double.NaN}, "array([nan])");
        check(DType.FLOAT64, new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, "array([-inf,  inf])");
    }

    @Test
    void summarisedTensorsNameTheirShapeAsNumpyWritesIt() {
        assertThat(np.zeros(40, 50).toString()).isEqualTo("array([[0., 0., 0., ..., 0., 0., 0.],\n       [0., 0., 0., ..., 0., 0., 0.],\n       [0., 0., 0., ..., 0., 0., 0.],\n       ...,\n       [0., 0., 0., ..., 0., 0., 0.],\n       [0., 0., 0., ..., 0., 0., 0.],\n       [0., 0., 0., ..., 0., 0., 0.]], shape=(40, 50))");
        assertThat(np.arange(1200, DType.FLOAT64).reshape(2, 2, 300).toString()).isEqualTo("array([[[0.000e+00, 1.000e+00, 2.000e+00, ..., 2.970e+02, 2.980e+02,\n         2.990e+02],\n        [3.000e+02, 3.010e+02, 3.020e+02, ..., 5.970e+02, 5.980e+02,\n         5.990e+02]],\n\n       [[6.000e+02, 6.010e+02, 6.020e+02, ..., 8.970e+02, 8.980e+02,\n         8.990e+02],\n        [9.000e+02, 9.010e+02, 9.020e+02, ..., 1.197e+03, 1.198e+03,\n         1.199e+03]]], shape=(2, 2, 300))");
    }
}
