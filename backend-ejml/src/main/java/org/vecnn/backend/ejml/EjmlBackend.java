package org.vecnn.backend.ejml;

import java.util.Arrays;
import java.util.EnumSet;
import org.ejml.EjmlVersion;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.Capabilities;
import org.vecnn.spi.HeapTensor;
import org.vecnn.spi.MatmulLayout;
import org.vecnn.spi.Op;
import org.vecnn.spi.UnaryOp;

/**
 * Tensors as row-major Java arrays that EJML's {@code FMatrixRMaj}/{@code DMatrixRMaj} wrap without copying;
 * float32 on the {@code _FDRM} kernels and float64 on the {@code _DDRM} ones, the multi-threaded
 * {@code CommonOps_MT_*} kernels for products above {@link Threading}'s threshold.
 */
final class EjmlBackend extends Backend {
    private static final Dense32 FLOAT32 = new Dense32();
    private static final Dense64 FLOAT64 = new Dense64();

    private final Threading threading;
    private final Capabilities capabilities;

    EjmlBackend(Threading threading) {
        this.threading = threading;
        this.capabilities = Capabilities.of("CPU (Java heap, EJML " + EjmlVersion.VERSION + ", multi-threaded from "
                        + threading.threshold() + " multiply-adds)", EnumSet.allOf(DType.class),
                EnumSet.of(Op.MATMUL, Op.DOT, Op.ADD, Op.MULTIPLY, Op.SUBTRACT, Op.DIVIDE, Op.SCALE, Op.AXPY,
                        Op.MAP, Op.SUM, Op.TRANSPOSE, Op.MATMUL_TRANSPOSE_A, Op.MATMUL_TRANSPOSE_B, Op.COPY, Op.FILL));
    }

    @Override
    public String name() {
        return EjmlProvider.NAME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @SuppressWarnings("unchecked")
    private static <A> Dense<A> dense(Tensor t) {
        return (Dense<A>) (t.dtype() == DType.FLOAT32 ? FLOAT32 : FLOAT64);
    }

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout layout) {
        matmul(dense(out), a, b, out, layout);
    }

    private <A> void matmul(Dense<A> d, Tensor a, Tensor b, Tensor out, MatmulLayout l) {
        A x = d.data(a);
        A y = d.data(b);
        A c = d.data(out);
        if (stacksRowsOverOneRightMatrix(l)) {
            int rows = l.batchCount() * l.m();
            d.mult(x, 0, rows, l.k(), y, 0, l.n(), c, 0, threading.parallel(rows, l.k(), l.n()));
            return;
        }
        boolean parallel = threading.parallel(l.m(), l.k(), l.n());
        for (int batch = 0; batch < l.batchCount(); batch++) {
            d.mult(x, l.aOffset(batch), l.m(), l.k(), y, l.bOffset(batch), l.n(), c, l.outOffset(batch), parallel);
        }
    }

    /**
     * Whether every batch multiplies consecutive left matrices by the same right matrix: then the batch is
     * one product of a taller left matrix, with no copy (the usual N-D by 2-D case).
     */
    private static boolean stacksRowsOverOneRightMatrix(MatmulLayout l) {
        for (int batch = 0; batch < l.batchCount(); batch++) {
            if (l.bOffset(batch) != 0 || l.aOffset(batch) != batch * l.m() * l.k()) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void dotKernel(Tensor a, Tensor b, Tensor out) {
        dot(dense(out), a, b, out);
    }

    private <A> void dot(Dense<A> d, Tensor a, Tensor b, Tensor out) {
        int k = b.size();
        int rows = out.size();
        d.mult(d.data(a), 0, rows, k, d.data(b), 0, 1, d.data(out), 0, threading.parallel(rows, k, 1));
    }

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        elementwise(Op.ADD, dense(out), a, b, out);
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        elementwise(Op.MULTIPLY, dense(out), a, b, out);
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        elementwise(Op.SUBTRACT, dense(out), a, b, out);
    }

    @Override
    protected void divideKernel(Tensor a, Tensor b, Tensor out) {
        elementwise(Op.DIVIDE, dense(out), a, b, out);
    }

    /** EJML's kernels where the operands need no broadcasting or one is a scalar; a row-wise walk otherwise. */
    private static <A> void elementwise(Op op, Dense<A> d, Tensor a, Tensor b, Tensor out) {
        Shape shape = out.shape();
        boolean fullA = a.shape().equals(shape);
        boolean fullB = b.shape().equals(shape);
        if (fullA && fullB) {
            d.elementwise(op, d.data(a), d.data(b), d.data(out), out.size());
        } else if (fullA && b.size() == 1) {
            d.withScalarRight(op, d.data(a), d.data(b), d.data(out), out.size());
        } else if (fullB && a.size() == 1) {
            d.withScalarLeft(op, d.data(a), d.data(b), d.data(out), out.size());
        } else {
            int rowLength = shape.rank() == 0 ? 1 : shape.dim(-1);
            d.rows(op, d.data(a), Broadcast.rowStarts(a.shape(), shape), Broadcast.rowStride(a.shape(), shape),
                    d.data(b), Broadcast.rowStarts(b.shape(), shape), Broadcast.rowStride(b.shape(), shape),
                    d.data(out), rowLength);
        }
    }

    @Override
    protected void scaleKernel(Tensor a, double alpha, Tensor out) {
        scale(dense(out), a, alpha, out);
    }

    private static <A> void scale(Dense<A> d, Tensor a, double alpha, Tensor out) {
        d.scale(d.data(a), alpha, d.data(out), out.size());
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        axpy(dense(y), alpha, x, y);
    }

    private static <A> void axpy(Dense<A> d, double alpha, Tensor x, Tensor y) {
        d.axpy(alpha, d.data(x), d.data(y), y.size());
    }

    @Override
    protected void mapKernel(UnaryOp op, Tensor a, Tensor out) {
        map(dense(out), op, a, out);
    }

    private static <A> void map(Dense<A> d, UnaryOp op, Tensor a, Tensor out) {
        d.map(op, d.data(a), d.data(out), out.size());
    }

    @Override
    protected void sumKernel(Tensor a, int axis, Tensor out) {
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        if (layout.outer() == 1) {
            sumCols(dense(out), a, layout.length(), layout.inner(), out);
        } else if (layout.inner() == 1) {
            sumRows(dense(out), a, layout.outer(), layout.length(), out);
        } else {
            super.sumKernel(a, axis, out);
        }
    }

    private static <A> void sumCols(Dense<A> d, Tensor a, int rows, int cols, Tensor out) {
        d.sumCols(d.data(a), rows, cols, d.data(out));
    }

    private static <A> void sumRows(Dense<A> d, Tensor a, int rows, int cols, Tensor out) {
        d.sumRows(d.data(a), rows, cols, d.data(out));
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        if (a.rank() == 2) {
            transpose(dense(out), a, out);
        } else {
            super.transposeKernel(a, out);
        }
    }

    private static <A> void transpose(Dense<A> d, Tensor a, Tensor out) {
        d.transpose(d.data(a), a.shape().dim(0), a.shape().dim(1), d.data(out));
    }

    @Override
    protected void matmulTransposeAKernel(Tensor a, Tensor b, Tensor out) {
        transposedProduct(dense(out), true, a, b, out);
    }

    @Override
    protected void matmulTransposeBKernel(Tensor a, Tensor b, Tensor out) {
        transposedProduct(dense(out), false, a, b, out);
    }

    private <A> void transposedProduct(Dense<A> d, boolean transposeA, Tensor a, Tensor b, Tensor out) {
        int m = out.shape().dim(0);
        int n = out.shape().dim(1);
        int k = a.shape().dim(transposeA ? 0 : 1);
        boolean parallel = threading.parallel(m, k, n);
        if (transposeA) {
            d.multTransA(d.data(a), k, m, d.data(b), n, d.data(out), parallel);
        } else {
            d.multTransB(d.data(a), m, k, d.data(b), n, d.data(out), parallel);
        }
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        if (src.dtype() == DType.FLOAT32) {
            System.arraycopy(HeapTensor.floats(src), 0, HeapTensor.floats(dst), 0, src.size());
        } else {
            System.arraycopy(HeapTensor.doubles(src), 0, HeapTensor.doubles(dst), 0, src.size());
        }
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        if (dst.dtype() == DType.FLOAT32) {
            Arrays.fill(HeapTensor.floats(dst), (float) value);
        } else {
            Arrays.fill(HeapTensor.doubles(dst), value);
        }
    }
}
