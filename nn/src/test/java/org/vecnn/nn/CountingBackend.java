package org.vecnn.nn;

import java.util.concurrent.atomic.AtomicInteger;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.HeapTensor;
import org.vecnn.spi.MatmulLayout;

/**
 * A FLOAT64 heap backend for tests that counts the tensors it allocates and the single elements read back.
 * Its transposed products are direct loops, so that no allocation happens inside the backend itself.
 */
final class CountingBackend extends Backend {
    final AtomicInteger allocations = new AtomicInteger();
    final AtomicInteger elementReads = new AtomicInteger();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    protected Tensor allocate(Shape shape, DType dtype) {
        allocations.incrementAndGet();
        return super.allocate(shape, dtype);
    }

    @Override
    protected double readElement(Tensor src, int flatIndex) {
        elementReads.incrementAndGet();
        return super.readElement(src, flatIndex);
    }

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout layout) {
        double[] x = HeapTensor.doubles(a);
        double[] y = HeapTensor.doubles(b);
        double[] c = HeapTensor.doubles(out);
        for (int batch = 0; batch < layout.batchCount(); batch++) {
            for (int i = 0; i < layout.m(); i++) {
                for (int j = 0; j < layout.n(); j++) {
                    double sum = 0;
                    for (int p = 0; p < layout.k(); p++) {
                        sum += x[layout.aOffset(batch) + i * layout.k() + p] * y[layout.bOffset(batch) + p * layout.n() + j];
                    }
                    c[layout.outOffset(batch) + i * layout.n() + j] = sum;
                }
            }
        }
    }

    @Override
    protected void matmulTransposeAKernel(Tensor a, Tensor b, Tensor out) {
        product(a, b, out, true);
    }

    @Override
    protected void matmulTransposeBKernel(Tensor a, Tensor b, Tensor out) {
        product(a, b, out, false);
    }

    private static void product(Tensor a, Tensor b, Tensor out, boolean transposeA) {
        double[] x = HeapTensor.doubles(a);
        double[] y = HeapTensor.doubles(b);
        double[] c = HeapTensor.doubles(out);
        int m = out.shape().dim(0);
        int n = out.shape().dim(1);
        int k = transposeA ? a.shape().dim(0) : a.shape().dim(1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += transposeA ? x[p * m + i] * y[p * n + j] : x[i * k + p] * y[j * k + p];
                }
                c[i * n + j] = sum;
            }
        }
    }

    @Override
    protected void dotKernel(Tensor a, Tensor b, Tensor out) {
        double[] x = HeapTensor.doubles(a);
        double[] y = HeapTensor.doubles(b);
        double[] c = HeapTensor.doubles(out);
        int k = y.length;
        for (int row = 0; row < c.length; row++) {
            double sum = 0;
            for (int p = 0; p < k; p++) {
                sum += x[row * k + p] * y[p];
            }
            c[row] = sum;
        }
    }

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        binary(a, b, out, true);
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        binary(a, b, out, false);
    }

    private static void binary(Tensor a, Tensor b, Tensor out, boolean add) {
        int[] ia = Broadcast.offsets(a.shape(), out.shape());
        int[] ib = Broadcast.offsets(b.shape(), out.shape());
        double[] x = HeapTensor.doubles(a);
        double[] y = HeapTensor.doubles(b);
        double[] c = HeapTensor.doubles(out);
        for (int i = 0; i < c.length; i++) {
            c[i] = add ? x[ia[i]] + y[ib[i]] : x[ia[i]] * y[ib[i]];
        }
    }
}
