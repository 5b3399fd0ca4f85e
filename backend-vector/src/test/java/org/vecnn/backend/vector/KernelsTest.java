package org.vecnn.backend.vector;

import org.vecnn.spi.BinaryOp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's elementwise kernels against their scalar definitions, bit for bit, on lengths around the vector
 * width and on special values; the fused dense-layer helpers against the separate steps they fuse.
 */
class KernelsTest {
    private static final float[] SPECIALS = {0f, -0f, 1f, -1f, 3.5f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        1e-40f, 0.5f, -2.25f, 20f, -20f, 100f, -100f};

    private static float[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < SPECIALS.length ? SPECIALS[i] : (float) random.nextDouble(-5, 5);
        }
        return v;
    }

    private static boolean same(float x, float y) {
        return Float.isNaN(x) ? Float.isNaN(y) : Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y);
    }

    private static boolean same(double x, double y) {
        return Double.isNaN(x) ? Double.isNaN(y) : Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
    }

    @Test
    void everyFunctionIsItsDefinitionRoundedOnceInBothDtypes() {
        for (int n : new int[] {1, FloatGemm.VL - 1, FloatGemm.VL + 3, 3 * FloatGemm.VL + 5}) {
            float[] a = values(Math.max(n, SPECIALS.length) , n);
            for (Fn fn : Fn.values()) {
                float[] out = new float[a.length];
                FloatKernels.map(fn, 0.01f, a, 0, out, 0, a.length);
                double[] ad = new double[a.length];
                double[] outd = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    ad[i] = a[i];
                }
                DoubleKernels.map(fn, 0.01, ad, 0, outd, 0, ad.length);
                for (int i = 0; i < a.length; i++) {
                    float want = (float) fn.apply(a[i], 0.01f);
                    assertThat(same(out[i], want)).as("%s(%s) float: %s, want %s", fn, a[i], out[i], want).isTrue();
                    double wantd = fn.apply(ad[i], 0.01);
                    assertThat(same(outd[i], wantd)).as("%s(%s) double: %s, want %s", fn, ad[i], outd[i], wantd).isTrue();
                }
            }
        }
    }

    @Test
    void binaryOpsAreOneIeeeOperationPerElementInEveryStrideCombination() {
        float[] a = values(37, 1);
        float[] b = values(37, 2);
        for (BinaryOp op : BinaryOp.values()) {
            for (int sa = 0; sa <= 1; sa++) {
                for (int sb = 0; sb <= 1; sb++) {
                    float[] out = new float[a.length];
                    FloatKernels.binary(op, a, 3, sa, b, 5, sb, out, 0, 30);
                    for (int i = 0; i < 30; i++) {
                        float x = a[3 + i * sa];
                        float y = b[5 + i * sb];
                        float want = op == BinaryOp.ADD ? x + y : op == BinaryOp.SUBTRACT ? x - y
                                : op == BinaryOp.MULTIPLY ? x * y : x / y;
                        assertThat(same(out[i], want)).as("%s %s %s", x, op, y).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void maxKeepsTheFirstMaximumAndNaNWinsAlongBothAxes() {
        // 3 rows x 20 columns: column maxima (inner = 20) and row maxima (inner = 1).
        float[] a = new float[60];
        for (int j = 0; j < 20; j++) {
            a[j] = -0f;
            a[20 + j] = 0f;
            a[40 + j] = -1f;
        }
        a[45] = Float.NaN;
        a[7] = Float.NaN;
        a[27] = 5f;
        float[] columns = new float[20];
        FloatKernels.max(a, 1, 3, 20, columns);
        for (int j = 0; j < 20; j++) {
            if (j == 5 || j == 7) {
                assertThat(columns[j]).isNaN();
            } else {
                // -0.0 comes first and +0.0 is not greater: the reference keeps -0.0.
                assertThat(Float.floatToRawIntBits(columns[j])).as("column %d", j).isEqualTo(Float.floatToRawIntBits(-0f));
            }
        }
        float[] rows = new float[3];
        FloatKernels.max(a, 3, 20, 1, rows);
        assertThat(rows[0]).isNaN();
        assertThat(rows[1]).isEqualTo(5f);
        assertThat(rows[2]).isNaN();
        assertThat(FloatKernels.argmax(a, 3, 20, 1)).containsExactly(7, 7, 5);
        float[] negZeroFirst = {-0f, 0f};
        float[] m = new float[1];
        FloatKernels.max(negZeroFirst, 1, 2, 1, m);
        assertThat(Float.floatToRawIntBits(m[0])).isEqualTo(Float.floatToRawIntBits(-0f));
    }

    @Test
    void fusedBiasActivationIsTheAddThenTheMap() {
        int rows = 5, cols = 2 * FloatGemm.VL + 3;
        float[] z = values(rows * cols, 3);
        float[] bias = values(cols, 4);
        for (Fn act : new Fn[] {Fn.IDENTITY, Fn.RELU, Fn.LEAKY_RELU, Fn.SIGMOID, Fn.TANH}) {
            float[] fused = z.clone();
            FloatKernels.biasActivation(fused, 0, rows, cols, bias, 0, act, 0.01);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    float want = (float) act.apply(z[r * cols + j] + bias[j], 0.01f);
                    assertThat(same(fused[r * cols + j], want)).as("%s at (%d,%d)", act, r, j).isTrue();
                }
            }
        }
    }

    @Test
    void fusedActivationBackwardIsTheGradientTimesTheDerivative() {
        int n = 3 * DoubleGemm.VL + 1;
        float[] z = values(n, 5);
        float[] dA = values(n, 6);
        for (Fn act : new Fn[] {Fn.IDENTITY, Fn.RELU, Fn.LEAKY_RELU, Fn.SIGMOID, Fn.TANH}) {
            float[] out = new float[n];
            FloatKernels.activationBackward(act, 0.01, dA, 0, z, 0, out, 0, n);
            double[] zd = new double[n];
            double[] dd = new double[n];
            for (int i = 0; i < n; i++) {
                zd[i] = z[i];
                dd[i] = dA[i];
            }
            double[] outd = new double[n];
            DoubleKernels.activationBackward(act, 0.01, dd, 0, zd, 0, outd, 0, n);
            for (int i = 0; i < n; i++) {
                float derivative = act == Fn.IDENTITY ? 1f : (float) act.derivative().apply(z[i], 0.01f);
                float want = act == Fn.IDENTITY ? dA[i] : dA[i] * derivative;
                assertThat(same(out[i], want)).as("%s at %s", act, z[i]).isTrue();
                double wantd = act == Fn.IDENTITY ? dd[i] : dd[i] * act.derivative().apply(zd[i], 0.01);
                assertThat(same(outd[i], wantd)).as("%s at %s (double)", act, zd[i]).isTrue();
            }
        }
    }

    @Test
    void columnSumsAndAxisSumsStartFromPositiveZero() {
        int rows = 7, cols = FloatGemm.VL + 5;
        float[] a = new float[rows * cols];
        java.util.Arrays.fill(a, -0f);
        float[] sums = new float[cols];
        FloatKernels.columnSums(a, 0, rows, cols, sums, 0);
        for (float s : sums) {
            assertThat(Float.floatToRawIntBits(s)).isZero();
        }
        float[] b = values(rows * cols, 7);
        float[] rowSums = new float[rows];
        FloatKernels.sum(b, rows, cols, 1, rowSums);
        FloatKernels.columnSums(b, 0, rows, cols, sums, 0);
        for (int j = 0; j < cols; j++) {
            double want = 0;
            for (int r = 0; r < rows; r++) {
                want += b[r * cols + j];
            }
            if (Double.isNaN(want)) {
                assertThat(sums[j]).isNaN();
            } else if (!Double.isInfinite(want)) {
                assertThat((double) sums[j]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(want))));
            }
        }
        for (int r = 2; r < rows; r++) {
            double want = 0;
            for (int j = 0; j < cols; j++) {
                want += b[r * cols + j];
            }
            assertThat((double) rowSums[r]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(want))));
        }
    }

    @Test
    void axpyAddsTheScaledVector() {
        int n = 2 * DoubleGemm.VL + 3;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 1;
        }
        DoubleKernels.axpy(0.5, x, 0, y, 0, n);
        for (int i = 0; i < n; i++) {
            assertThat(y[i]).isEqualTo(1 + 0.5 * i);
        }
    }
}
