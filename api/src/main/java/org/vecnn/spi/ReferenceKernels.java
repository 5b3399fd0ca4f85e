package org.vecnn.spi;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;

/**
 * The reference implementations behind {@link Backend}'s overridable kernels. They copy the operands to the
 * host, compute in double precision and round each result once to the tensor's dtype, which for a single
 * IEEE operation gives exactly the float result. Correct on every backend; fast on none.
 */
final class ReferenceKernels {
    private ReferenceKernels() {
    }

    static double[] read(Backend backend, Tensor t) {
        if (t.dtype() == DType.FLOAT64) {
            return backend.readFloat64(t);
        }
        float[] floats = backend.readFloat32(t);
        double[] values = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            values[i] = floats[i];
        }
        return values;
    }

    static void write(Backend backend, double[] values, Tensor out) {
        if (out.dtype() == DType.FLOAT64) {
            backend.writeFloat64(values, out);
            return;
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        backend.writeFloat32(floats, out);
    }

    /** {@code value} rounded to {@code dtype}, as a double. */
    static double round(DType dtype, double value) {
        return dtype == DType.FLOAT32 ? (float) value : value;
    }

    static void binary(Backend backend, Tensor a, Tensor b, Tensor out, DoubleBinaryOperator f) {
        double[] x = read(backend, a);
        double[] y = read(backend, b);
        int[] ia = Broadcast.offsets(a.shape(), out.shape());
        int[] ib = Broadcast.offsets(b.shape(), out.shape());
        double[] result = new double[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = f.applyAsDouble(x[ia[i]], y[ib[i]]);
        }
        write(backend, result, out);
    }

    static void elementwise(Backend backend, Tensor a, Tensor out, DoubleUnaryOperator f) {
        double[] x = read(backend, a);
        for (int i = 0; i < x.length; i++) {
            x[i] = f.applyAsDouble(x[i]);
        }
        write(backend, x, out);
    }

    static void axpy(Backend backend, double alpha, Tensor x, Tensor y) {
        double[] xs = read(backend, x);
        double[] ys = read(backend, y);
        for (int i = 0; i < ys.length; i++) {
            ys[i] = ys[i] + round(y.dtype(), alpha * xs[i]);
        }
        write(backend, ys, y);
    }

    static void sum(Backend backend, Tensor a, int axis, Tensor out) {
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        double[] x = read(backend, a);
        double[] result = new double[layout.outer() * layout.inner()];
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                double sum = 0.0;
                for (int j = 0; j < layout.length(); j++) {
                    sum += x[layout.index(o, j, i)];
                }
                result[o * layout.inner() + i] = sum;
            }
        }
        write(backend, result, out);
    }

    static void max(Backend backend, Tensor a, int axis, Tensor out) {
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        double[] x = read(backend, a);
        double[] result = new double[layout.outer() * layout.inner()];
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                result[o * layout.inner() + i] = x[layout.index(o, argmaxAlong(x, layout, o, i), i)];
            }
        }
        write(backend, result, out);
    }

    static int[] argmax(Backend backend, Tensor a, int axis) {
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        double[] x = read(backend, a);
        int[] result = new int[layout.outer() * layout.inner()];
        for (int o = 0; o < layout.outer(); o++) {
            for (int i = 0; i < layout.inner(); i++) {
                result[o * layout.inner() + i] = argmaxAlong(x, layout, o, i);
            }
        }
        return result;
    }

    /** The position of the first maximum along the axis, or of the first NaN, which wins as in NumPy. */
    private static int argmaxAlong(double[] x, AxisLayout layout, int outer, int inner) {
        int best = 0;
        double bestValue = x[layout.index(outer, 0, inner)];
        for (int j = 1; j < layout.length() && !Double.isNaN(bestValue); j++) {
            double v = x[layout.index(outer, j, inner)];
            if (v > bestValue || Double.isNaN(v)) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    static void transpose(Backend backend, Tensor a, Tensor out) {
        int rows = a.shape().dim(-2);
        int cols = a.shape().dim(-1);
        double[] x = read(backend, a);
        double[] result = new double[x.length];
        int matrix = rows * cols;
        for (int offset = 0; offset < x.length; offset += matrix) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    result[offset + c * rows + r] = x[offset + r * cols + c];
                }
            }
        }
        write(backend, result, out);
    }

    /** {@code np.dot} for a right operand of rank 3 or more: {@code out[i.., j.., n] = sum_k a[i.., k] b[j.., k, n]}. */
    static void dotGeneral(Backend backend, Tensor a, Tensor b, Tensor out) {
        Shape bs = b.shape();
        int k = a.shape().dim(-1);
        int n = bs.dim(-1);
        int rowsA = k == 0 ? 0 : a.size() / k;
        int matricesB = bs.size() == 0 ? 0 : bs.size() / (k * n);
        double[] x = read(backend, a);
        double[] y = read(backend, b);
        double[] result = new double[out.size()];
        for (int i = 0; i < rowsA; i++) {
            for (int j = 0; j < matricesB; j++) {
                for (int c = 0; c < n; c++) {
                    double sum = 0.0;
                    for (int p = 0; p < k; p++) {
                        sum += x[i * k + p] * y[(j * k + p) * n + c];
                    }
                    result[(i * matricesB + j) * n + c] = sum;
                }
            }
        }
        write(backend, result, out);
    }

    static void fill(Backend backend, Tensor out, double value) {
        double[] values = new double[out.size()];
        java.util.Arrays.fill(values, value);
        write(backend, values, out);
    }
}
