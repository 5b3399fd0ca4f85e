package org.vecnn.backend.ejml;

import java.util.Arrays;
import org.ejml.EjmlVersion;
import org.vecnn.DType;
import org.vecnn.UnaryOp;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.HeapStorage;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.ReduceOp;
import org.vecnn.spi.Storage;

/**
 * Tensors as row-major Java arrays that EJML's {@code FMatrixRMaj}/{@code DMatrixRMaj} wrap without copying;
 * float32 on the {@code _FDRM} kernels and float64 on the {@code _DDRM} ones, the multi-threaded
 * {@code CommonOps_MT_*} kernels for products above {@link Threading}'s threshold.
 */
final class EjmlBackend extends Kernels {
    private static final Dense32 FLOAT32 = new Dense32();
    private static final Dense64 FLOAT64 = new Dense64();

    private final Threading threading;

    EjmlBackend(Threading threading) {
        this.threading = threading;
    }

    @Override
    public String device() {
        return "CPU (Java heap, EJML " + EjmlVersion.VERSION + ", multi-threaded from " + threading.threshold()
                + " multiply-adds)";
    }

    @SuppressWarnings("unchecked")
    private static <A> Dense<A> dense(Storage s) {
        return (Dense<A>) (s.dtype() == DType.FLOAT32 ? FLOAT32 : FLOAT64);
    }

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        matmul(dense(out), plan, a, b, out);
    }

    private <A> void matmul(Dense<A> d, ProductPlan p, Storage a, Storage b, Storage out) {
        A x = d.data(a);
        A y = d.data(b);
        A c = d.data(out);
        if (p.stacksRowsOverOneRightMatrix()) {
            int rows = p.batchCount() * p.m();
            d.mult(x, 0, rows, p.k(), y, 0, p.n(), c, 0, threading.parallel(rows, p.k(), p.n()));
        } else {
            boolean parallel = threading.parallel(p.m(), p.k(), p.n());
            for (int t = 0; t < p.batchCount(); t++) {
                d.mult(x, p.aOffset(t), p.m(), p.k(), y, p.bOffset(t), p.n(), c, p.outOffset(t), parallel);
            }
        }
        // EJML seeds a sum with its first term, so all -0.0 terms give -0.0; NumPy's sums start from +0.0.
        d.positiveZero(c, out.size());
    }


    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        matmul(dense(out), plan, a, b, out);
    }

    @Override
    public void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        if (plan.batchCount() == 1 && plan.ldc() == plan.n() && (plan.transposeA() != plan.transposeB())) {
            transposedProduct(dense(out), plan, a, b, out);
        } else {
            super.product(plan, a, b, out);
        }
    }

    private <A> void transposedProduct(Dense<A> d, ProductPlan p, Storage a, Storage b, Storage out) {
        boolean parallel = threading.parallel(p.m(), p.k(), p.n());
        if (p.transposeA()) {
            d.multTransA(d.data(a), p.k(), p.m(), d.data(b), p.n(), d.data(out), parallel);
        } else {
            d.multTransB(d.data(a), p.m(), p.k(), d.data(b), p.n(), d.data(out), parallel);
        }
        d.positiveZero(d.data(out), out.size());
    }

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        elementwise(BinaryOp.ADD, dense(out), plan, a, b, out);
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        elementwise(BinaryOp.MULTIPLY, dense(out), plan, a, b, out);
    }

    @Override
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        elementwise(op, dense(out), plan, a, b, out);
    }

    /** EJML's kernels where the operands need no broadcasting or one is a scalar; a row-wise walk otherwise. */
    private static <A> void elementwise(BinaryOp op, Dense<A> d, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        switch (plan.kind()) {
            case SAME_SHAPE -> d.elementwise(op, d.data(a), d.data(b), d.data(out), out.size());
            case SCALAR_B -> d.withScalarRight(op, d.data(a), d.data(b), d.data(out), out.size());
            case SCALAR_A -> d.withScalarLeft(op, d.data(a), d.data(b), d.data(out), out.size());
            default -> d.rows(op, d.data(a), d.data(b), d.data(out), plan);
        }
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        scale(dense(out), a, alpha, out);
    }

    private static <A> void scale(Dense<A> d, Storage a, double alpha, Storage out) {
        d.scale(d.data(a), alpha, d.data(out), out.size());
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        axpy(dense(y), alpha, x, y);
    }

    private static <A> void axpy(Dense<A> d, double alpha, Storage x, Storage y) {
        d.axpy(alpha, d.data(x), d.data(y), y.size());
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        unary(dense(out), op, a, out);
    }

    private static <A> void unary(Dense<A> d, UnaryOp op, Storage a, Storage out) {
        d.map(op, d.data(a), d.data(out), out.size());
    }

    @Override
    public void reduce(ReduceOp op, AxisLayout layout, Storage a, Storage out) {
        if (op == ReduceOp.SUM && layout.outer() == 1) {
            sumCols(dense(out), a, layout.length(), layout.inner(), out);
        } else if (op == ReduceOp.SUM && layout.inner() == 1) {
            sumRows(dense(out), a, layout.outer(), layout.length(), out);
        } else {
            super.reduce(op, layout, a, out);
        }
    }

    private static <A> void sumCols(Dense<A> d, Storage a, int rows, int cols, Storage out) {
        d.sumCols(d.data(a), rows, cols, d.data(out));
    }

    private static <A> void sumRows(Dense<A> d, Storage a, int rows, int cols, Storage out) {
        d.sumRows(d.data(a), rows, cols, d.data(out));
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        if (batches == 1) {
            transpose(dense(out), a, rows, columns, out);
        } else {
            super.transpose(batches, rows, columns, a, out);
        }
    }

    private static <A> void transpose(Dense<A> d, Storage a, int rows, int columns, Storage out) {
        d.transpose(d.data(a), rows, columns, d.data(out));
    }

    @Override
    public void copy(Storage src, Storage dst) {
        if (src.dtype() == DType.FLOAT32) {
            System.arraycopy(HeapStorage.floats(src), 0, HeapStorage.floats(dst), 0, src.size());
        } else {
            System.arraycopy(HeapStorage.doubles(src), 0, HeapStorage.doubles(dst), 0, src.size());
        }
    }

    @Override
    public void fill(double value, Storage dst) {
        if (dst.dtype() == DType.FLOAT32) {
            Arrays.fill(HeapStorage.floats(dst), (float) value);
        } else {
            Arrays.fill(HeapStorage.doubles(dst), value);
        }
    }
}
