package org.vecnn.backend.loops;

import static org.vecnn.spi.HeapTensor.doubles;
import static org.vecnn.spi.HeapTensor.floats;

import java.util.EnumSet;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.Capabilities;
import org.vecnn.spi.MatmulLayout;
import org.vecnn.spi.Op;

/**
 * The reference backend: the four core operations as plain nested loops over row-major Java arrays, written
 * to be obviously correct rather than fast. Products accumulate in the tensor's own precision, in index
 * order, starting from {@code +0.0}, one rounded multiply and one rounded add per term (no fused
 * multiply-add). Every other backend is checked against this one.
 */
final class LoopsBackend extends Backend {
    private static final Capabilities CAPABILITIES = Capabilities.of("CPU (Java heap, plain loops)",
            EnumSet.allOf(DType.class), EnumSet.of(Op.MATMUL, Op.DOT, Op.ADD, Op.MULTIPLY));

    @Override
    public String name() {
        return LoopsProvider.NAME;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout layout) {
        for (int batch = 0; batch < layout.batchCount(); batch++) {
            if (out.dtype() == DType.FLOAT32) {
                matmul(floats(a), layout.aOffset(batch), floats(b), layout.bOffset(batch),
                        floats(out), layout.outOffset(batch), layout.m(), layout.k(), layout.n());
            } else {
                matmul(doubles(a), layout.aOffset(batch), doubles(b), layout.bOffset(batch),
                        doubles(out), layout.outOffset(batch), layout.m(), layout.k(), layout.n());
            }
        }
    }

    private static void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0.0f;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * k + p] * b[bOff + p * n + j];
                }
                c[cOff + i * n + j] = sum;
            }
        }
    }

    private static void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * k + p] * b[bOff + p * n + j];
                }
                c[cOff + i * n + j] = sum;
            }
        }
    }

    @Override
    protected void dotKernel(Tensor a, Tensor b, Tensor out) {
        int k = b.size();
        if (out.dtype() == DType.FLOAT32) {
            float[] x = floats(a);
            float[] y = floats(b);
            float[] c = floats(out);
            for (int row = 0; row < c.length; row++) {
                float sum = 0.0f;
                for (int p = 0; p < k; p++) {
                    sum += x[row * k + p] * y[p];
                }
                c[row] = sum;
            }
        } else {
            double[] x = doubles(a);
            double[] y = doubles(b);
            double[] c = doubles(out);
            for (int row = 0; row < c.length; row++) {
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += x[row * k + p] * y[p];
                }
                c[row] = sum;
            }
        }
    }

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        int[] ia = Broadcast.offsets(a.shape(), out.shape());
        int[] ib = Broadcast.offsets(b.shape(), out.shape());
        if (out.dtype() == DType.FLOAT32) {
            float[] x = floats(a);
            float[] y = floats(b);
            float[] c = floats(out);
            for (int i = 0; i < c.length; i++) {
                c[i] = x[ia[i]] + y[ib[i]];
            }
        } else {
            double[] x = doubles(a);
            double[] y = doubles(b);
            double[] c = doubles(out);
            for (int i = 0; i < c.length; i++) {
                c[i] = x[ia[i]] + y[ib[i]];
            }
        }
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        int[] ia = Broadcast.offsets(a.shape(), out.shape());
        int[] ib = Broadcast.offsets(b.shape(), out.shape());
        if (out.dtype() == DType.FLOAT32) {
            float[] x = floats(a);
            float[] y = floats(b);
            float[] c = floats(out);
            for (int i = 0; i < c.length; i++) {
                c[i] = x[ia[i]] * y[ib[i]];
            }
        } else {
            double[] x = doubles(a);
            double[] y = doubles(b);
            double[] c = doubles(out);
            for (int i = 0; i < c.length; i++) {
                c[i] = x[ia[i]] * y[ib[i]];
            }
        }
    }
}
