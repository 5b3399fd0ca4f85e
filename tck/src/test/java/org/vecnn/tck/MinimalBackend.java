package org.vecnn.tck;

import static org.vecnn.spi.HeapTensor.doubles;
import static org.vecnn.spi.HeapTensor.floats;

import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.MatmulLayout;

/**
 * The smallest backend there can be: the four core kernels and nothing else, written the way a newcomer
 * would (i-k-j matmul, stride-walking broadcast), on the SPI's default heap storage. It proves that the
 * TCK can be met with four methods and a services file.
 */
class MinimalBackend extends Backend {
    @Override
    public String name() {
        return "minimal";
    }

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout l) {
        for (int batch = 0; batch < l.batchCount(); batch++) {
            for (int i = 0; i < l.m(); i++) {
                for (int p = 0; p < l.k(); p++) {
                    int ai = l.aOffset(batch) + i * l.k() + p;
                    for (int j = 0; j < l.n(); j++) {
                        int bi = l.bOffset(batch) + p * l.n() + j;
                        int ci = l.outOffset(batch) + i * l.n() + j;
                        if (out.dtype() == DType.FLOAT32) {
                            floats(out)[ci] = (p == 0 ? 0.0f : floats(out)[ci]) + product(floats(a)[ai], floats(b)[bi]);
                        } else {
                            doubles(out)[ci] = (p == 0 ? 0.0 : doubles(out)[ci]) + doubles(a)[ai] * doubles(b)[bi];
                        }
                    }
                }
            }
        }
    }

    /** A float product; overridden by the deliberately broken backend. */
    float product(float x, float y) {
        return x * y;
    }

    @Override
    protected void dotKernel(Tensor a, Tensor b, Tensor out) {
        int k = b.size();
        for (int row = 0; row < out.size(); row++) {
            double sum = 0.0;
            for (int p = 0; p < k; p++) {
                sum += out.dtype() == DType.FLOAT32
                        ? floats(a)[row * k + p] * floats(b)[p]
                        : doubles(a)[row * k + p] * doubles(b)[p];
            }
            if (out.dtype() == DType.FLOAT32) {
                floats(out)[row] = (float) sum;
            } else {
                doubles(out)[row] = sum;
            }
        }
    }

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        elementwise(a, b, out, true);
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        elementwise(a, b, out, false);
    }

    private static void elementwise(Tensor a, Tensor b, Tensor out, boolean add) {
        Shape shape = out.shape();
        int[] sa = Broadcast.strides(a.shape(), shape);
        int[] sb = Broadcast.strides(b.shape(), shape);
        int[] index = new int[shape.rank()];
        for (int i = 0; i < shape.size(); i++) {
            int ia = 0;
            int ib = 0;
            for (int axis = 0; axis < index.length; axis++) {
                ia += index[axis] * sa[axis];
                ib += index[axis] * sb[axis];
            }
            if (out.dtype() == DType.FLOAT32) {
                float x = floats(a)[ia];
                float y = floats(b)[ib];
                floats(out)[i] = add ? x + y : x * y;
            } else {
                double x = doubles(a)[ia];
                double y = doubles(b)[ib];
                doubles(out)[i] = add ? x + y : x * y;
            }
            for (int axis = index.length - 1; axis >= 0 && ++index[axis] == shape.dim(axis); axis--) {
                index[axis] = 0;
            }
        }
    }
}
