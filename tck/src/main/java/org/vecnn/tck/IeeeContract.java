package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.UnaryOp;

/**
 * IEEE 754 as the JVM does it: NaN and infinities propagate, {@code -0.0} is kept, subnormals are neither
 * flushed to zero nor treated as zero, overflow gives infinity. Expected values come from Java arithmetic in
 * the dtype itself, not from the reference backend.
 */
interface IeeeContract extends TckContext {

    private static double[] specials(DType dtype) {
        boolean f32 = dtype == DType.FLOAT32;
        return new double[] {
            0.0, -0.0, 1.0, -1.0, 3.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            f32 ? Float.MIN_VALUE : Double.MIN_VALUE,
            f32 ? -Float.MIN_VALUE : -Double.MIN_VALUE,
            f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL,
            f32 ? Float.MAX_VALUE : Double.MAX_VALUE,
            f32 ? -Float.MAX_VALUE : -Double.MAX_VALUE,
            f32 ? 1e-40f : 1e-310,
            0.5,
        };
    }

    /** Every pair of special values through add and multiply, as a (n,1) by (1,n) broadcast. */
    @Test
    default void specialValuesThroughAddAndMultiply() {
        for (DType dtype : supportedDTypes()) {
            double[] v = specials(dtype);
            int n = v.length;
            Tensor column = backend().fromArray(v, Shape.of(n, 1), dtype);
            Tensor row = backend().fromArray(v, Shape.of(1, n), dtype);
            double[] sums = backend().add(column, row).toDoubleArray();
            double[] products = backend().multiply(column, row).toDoubleArray();
            double[] wantSums = new double[n * n];
            double[] wantProducts = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    wantSums[i * n + j] = dtype == DType.FLOAT32 ? (float) v[i] + (float) v[j] : v[i] + v[j];
                    wantProducts[i * n + j] = dtype == DType.FLOAT32 ? (float) v[i] * (float) v[j] : v[i] * v[j];
                }
            }
            Compare.identical("add of special values " + dtype, sums, wantSums);
            Compare.identical("multiply of special values " + dtype, products, wantProducts);
        }
    }

    @Test
    default void productsPropagateNaNAndInfinity() {
        for (DType dtype : supportedDTypes()) {
            double max = dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
            double inf = Double.POSITIVE_INFINITY;
            expectMatmul(dtype, new double[] {1, Double.NaN, 2, 3}, new double[] {1, 0, 0, 1},
                    new double[] {Double.NaN, Double.NaN, 2, 3}, "a NaN in a row of a spreads over the row");
            expectMatmul(dtype, new double[] {0, 1, 1, 1}, new double[] {inf, 0, 0, 1},
                    new double[] {Double.NaN, 1, inf, 1}, "0 * Inf is NaN, never skipped as a zero term");
            expectMatmul(dtype, new double[] {inf, 1, 1, 1}, new double[] {1, 1, -1, 1},
                    new double[] {inf, inf, 0, 2}, "Inf propagates");
            expectMatmul(dtype, new double[] {max, max, 1, 1}, new double[] {1, 0, 1, 0},
                    new double[] {inf, 0, 2, 0}, "overflow gives Inf");
            expectMatmul(dtype, new double[] {inf, -inf, 1, 1}, new double[] {1, 1, 1, 1},
                    new double[] {Double.NaN, Double.NaN, 2, 2}, "Inf - Inf is NaN");
            Backend b = backend();
            Tensor withNaN = b.fromArray(new double[] {1, Double.NaN, 1}, Shape.of(3), dtype);
            Tensor ones = b.fromArray(new double[] {1, 1, 1}, Shape.of(3), dtype);
            assertThat(b.dot(withNaN, ones).getDouble()).as("dot with a NaN " + dtype).isNaN();
            Tensor withInf = b.fromArray(new double[] {1, inf, 1}, Shape.of(3), dtype);
            assertThat(b.dot(withInf, ones).getDouble()).as("dot with Inf " + dtype).isEqualTo(inf);
            Tensor zeros = b.fromArray(new double[] {0, 0, 0}, Shape.of(3), dtype);
            assertThat(b.dot(withInf, zeros).getDouble()).as("dot 0 * Inf " + dtype).isNaN();
        }
    }

    private void expectMatmul(DType dtype, double[] a, double[] b, double[] want, String what) {
        Tensor ta = backend().fromArray(a, Shape.of(2, 2), dtype);
        Tensor tb = backend().fromArray(b, Shape.of(2, 2), dtype);
        double[] got = backend().matmul(ta, tb).toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            assertThat(Compare.sameValue(got[i], want[i]) || (got[i] == want[i]))
                    .as(what + " (" + dtype + "): element " + i + " is " + got[i] + ", expected " + want[i]).isTrue();
        }
    }

    @Test
    default void reductionsPropagateNaNAsNumpyDoes() {
        double nan = Double.NaN;
        double[] x = {1, nan, 3, 2, 5, 4};
        for (DType dtype : supportedDTypes()) {
            Backend b = backend();
            Tensor t = b.fromArray(x, Shape.of(2, 3), dtype);
            Compare.identical("max axis 1 " + dtype, b.max(t, 1, false).toDoubleArray(), new double[] {nan, 5});
            Compare.identical("max axis 0 " + dtype, b.max(t, 0, true).toDoubleArray(), new double[] {2, nan, 4});
            assertThat(b.argmax(t, 1)).as("argmax axis 1 " + dtype).containsExactly(1, 1);
            assertThat(b.argmax(t, 0)).as("argmax axis 0 " + dtype).containsExactly(1, 0, 1);
            assertThat(b.sum(t, 1, false).getDouble(0)).as("sum with a NaN " + dtype).isNaN();
            Tensor infinities = b.fromArray(new double[] {Double.POSITIVE_INFINITY, 1, Double.NEGATIVE_INFINITY}, Shape.of(3), dtype);
            assertThat(b.sum(infinities).getDouble()).as("Inf + -Inf " + dtype).isNaN();
            assertThat(b.max(infinities, 0, false).getDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    default void subnormalsAreNeitherFlushedNorLost() {
        for (DType dtype : supportedDTypes()) {
            boolean f32 = dtype == DType.FLOAT32;
            double tiny = f32 ? Float.MIN_VALUE : Double.MIN_VALUE;
            double normal = f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
            Backend b = backend();
            Tensor subnormal = b.fromArray(new double[] {tiny}, Shape.of(1, 1), dtype);
            Tensor one = b.fromArray(new double[] {1.0}, Shape.of(1, 1), dtype);
            assertThat(b.matmul(subnormal, one).getDouble(0, 0)).as("matmul keeps a subnormal " + dtype).isEqualTo(tiny);
            assertThat(b.dot(b.fromArray(new double[] {tiny}, Shape.of(1), dtype),
                    b.fromArray(new double[] {1.0}, Shape.of(1), dtype)).getDouble())
                    .as("dot keeps a subnormal " + dtype).isEqualTo(tiny);
            Tensor half = b.fromArray(new double[] {0.5}, Shape.of(1), dtype);
            Tensor smallest = b.fromArray(new double[] {normal}, Shape.of(1), dtype);
            double want = f32 ? (double) ((float) normal * 0.5f) : normal * 0.5;
            assertThat(b.multiply(smallest, half).getDouble(0)).as("multiply into the subnormal range " + dtype).isEqualTo(want);
            assertThat(want).isPositive();
        }
    }

    @Test
    default void negativeZeroIsKept() {
        for (DType dtype : supportedDTypes()) {
            Backend b = backend();
            Tensor negZero = b.fromArray(new double[] {-0.0, -0.0}, Shape.of(2), dtype);
            Tensor ones = b.fromArray(new double[] {1.0, -1.0}, Shape.of(2), dtype);
            Compare.identical("-0 + -0 " + dtype, b.add(negZero, negZero).toDoubleArray(), new double[] {-0.0, -0.0});
            Compare.identical("-0 * ±1 " + dtype, b.multiply(negZero, ones).toDoubleArray(), new double[] {-0.0, 0.0});
            Compare.identical("-(+0) " + dtype, b.map(UnaryOp.NEGATE, b.zeros(Shape.of(1), dtype)).toDoubleArray(), new double[] {-0.0});
            Compare.identical("sqrt(-0) " + dtype, b.map(UnaryOp.SQRT, negZero).toDoubleArray(), new double[] {-0.0, -0.0});
            Compare.identical("scale(-0, 2) " + dtype, b.scale(negZero, 2.0).toDoubleArray(), new double[] {-0.0, -0.0});
        }
    }

    /**
     * A sum of products starts from {@code +0.0}, as NumPy's BLAS does: a product whose every term is
     * {@code -0.0} is {@code +0.0}, in every product form and for every size (a blocked kernel that seeds its
     * accumulator with the first term gets {@code -0.0} and fails here).
     */
    @Test
    default void exactlyZeroProductsArePositiveZero() {
        for (DType dtype : supportedDTypes()) {
            Backend b = backend();
            for (int n : new int[] {1, 2, 7, 33}) {
                double[] negZeros = new double[n * n];
                java.util.Arrays.fill(negZeros, -0.0);
                double[] ones = new double[n * n];
                java.util.Arrays.fill(ones, 1.0);
                Tensor z = b.fromArray(negZeros, Shape.of(n, n), dtype);
                Tensor o = b.fromArray(ones, Shape.of(n, n), dtype);
                double[] want = new double[n * n];
                String context = "(-0.0) x 1 products of size " + n + " " + dtype;
                Compare.identical(context + " matmul", b.matmul(z, o).toDoubleArray(), want);
                Compare.identical(context + " matmulTransposeA", b.matmulTransposeA(z, o).toDoubleArray(), want);
                Compare.identical(context + " matmulTransposeB", b.matmulTransposeB(o, z).toDoubleArray(), want);
                Compare.identical(context + " dot", b.dot(z, b.ones(Shape.of(n), dtype)).toDoubleArray(), new double[n]);
            }
        }
    }

    /**
     * {@code axpy(0.0, x, y)} still adds {@code 0 * x}: NaN and infinities of {@code x} reach {@code y}
     * ({@code 0 * NaN} and {@code 0 * Inf} are NaN). BLAS implementations that return early for
     * {@code alpha == 0} fail here.
     */
    @Test
    default void axpyWithZeroAlphaPropagatesNaN() {
        for (DType dtype : supportedDTypes()) {
            Backend b = backend();
            double nan = Double.NaN;
            double inf = Double.POSITIVE_INFINITY;
            Tensor x = b.fromArray(new double[] {nan, inf, -inf, 1.0, -0.0}, Shape.of(5), dtype);
            Tensor y = b.fromArray(new double[] {1.0, 2.0, 3.0, -0.0, -0.0}, Shape.of(5), dtype);
            b.axpy(0.0, x, y);
            Compare.identical("axpy(0, [nan, inf, -inf, 1, -0], y) " + dtype, y.toDoubleArray(),
                    new double[] {nan, nan, nan, 0.0, -0.0});
        }
    }

    @Test
    default void functionsAtSpecialValues() {
        double inf = Double.POSITIVE_INFINITY;
        double nan = Double.NaN;
        double[] x = {nan, inf, -inf, -0.0, 0.0};
        for (DType dtype : supportedDTypes()) {
            expectMap(dtype, UnaryOp.RELU, x, new double[] {nan, inf, 0.0, 0.0, 0.0});
            expectMap(dtype, UnaryOp.RELU_DERIVATIVE, x, new double[] {nan, 1.0, 0.0, 0.0, 0.0});
            expectMap(dtype, UnaryOp.EXP, x, new double[] {nan, inf, 0.0, 1.0, 1.0});
            expectMap(dtype, UnaryOp.LOG, x, new double[] {nan, inf, nan, -inf, -inf});
            expectMap(dtype, UnaryOp.SIGMOID, x, new double[] {nan, 1.0, 0.0, 0.5, 0.5});
            expectMap(dtype, UnaryOp.TANH, x, new double[] {nan, 1.0, -1.0, -0.0, 0.0});
            expectMap(dtype, UnaryOp.ABS, x, new double[] {nan, inf, inf, 0.0, 0.0});
        }
    }

    private void expectMap(DType dtype, UnaryOp op, double[] x, double[] want) {
        Tensor t = backend().fromArray(x, Shape.of(x.length), dtype);
        Compare.identical(op + " at special values " + dtype, backend().map(op, t).toDoubleArray(), want);
    }
}
