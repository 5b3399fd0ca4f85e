package org.vecnn.backend.nd4j;

import static org.vecnn.backend.nd4j.Nd4jStorage.of;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.DType;
import org.vecnn.UnaryOp;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.ReduceOp;
import org.vecnn.spi.Storage;

/**
 * The {@code nd4j} backend: tensors are off-heap ND4J arrays ({@link Nd4jStorage}); products run on OpenBLAS
 * through ND4J's gemm, elementwise operations on ND4J's ops where their results are NumPy's bit for bit
 * ({@link Elementwise}, {@link Functions}). Kernels use no ND4J workspace and allocate nothing native but
 * views, so many threads can share the backend.
 */
final class Nd4jBackend extends Kernels {
    private final Nd4jThreads threads;
    private final OffHeapBudget budget;

    Nd4jBackend(Nd4jThreads threads, OffHeapBudget budget) {
        this.threads = threads;
        this.budget = budget;
    }

    @Override
    public String device() {
        return "CPU (off-heap ND4J arrays, OpenBLAS, " + threads.maxThreads() + " threads)";
    }

    // ---------------------------------------------------------------- storage

    @Override
    public Storage allocate(int size, DType dtype) {
        budget.allocated((long) size * dtype.byteSize());
        return new Nd4jStorage(dtype, size, budget);
    }

    /**
     * ND4J's buffers are native memory: at most JavaCPP's limit ({@code -Dorg.bytedeco.javacpp.maxbytes}, by
     * default the heap's {@code -Xmx}) and the physical memory the system has free.
     */
    @Override
    public long allocationLimit(DType dtype) {
        long limit = Pointer.maxBytes() > 0 ? Pointer.maxBytes() : Long.MAX_VALUE;
        long physical = Pointer.availablePhysicalBytes();
        return physical > 0 ? Math.min(limit, physical) : limit;
    }

    @Override
    public String allocationLimitSource(DType dtype) {
        return "the smaller of JavaCPP's limit, -Dorg.bytedeco.javacpp.maxbytes (by default -Xmx), "
                + Pointer.maxBytes() + " bytes, and the free physical memory, " + Pointer.availablePhysicalBytes()
                + " bytes";
    }

    // ---------------------------------------------------------------- products

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        int m = plan.m();
        int k = plan.k();
        int n = plan.n();
        threads.applyFor(m, k, n);
        Nd4jStorage sa = of(a);
        Nd4jStorage sb = of(b);
        Nd4jStorage sc = of(out);
        if (plan.batchCount() == 1) {
            gemm(sa.matrix(m, k), sb.matrix(k, n), sc.matrix(m, n), false, false);
            return;
        }
        for (int t = 0; t < plan.batchCount(); t++) {
            gemm(sa.matrixAt(plan.aOffset(t), m, k), sb.matrixAt(plan.bOffset(t), k, n),
                    sc.matrixAt(plan.outOffset(t), m, n), false, false);
        }
    }

    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        int k = plan.k();
        int rows = plan.m();
        if (rows == 1) {
            // BLAS dot: one native call, no op context.
            double value = Nd4j.getBlasWrapper().level1().dot(k, 1.0, of(a).flat(), of(b).flat());
            of(out).flat().putScalar(0, value);
            return;
        }
        threads.applyFor(rows, k, 1);
        gemm(of(a).matrix(rows, k), of(b).matrix(k, 1), of(out).matrix(rows, 1), false, false);
    }

    @Override
    public void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        if (plan.batchCount() != 1 || plan.ldc() != plan.n()) {
            super.product(plan, a, b, out);
            return;
        }
        int m = plan.m();
        int k = plan.k();
        int n = plan.n();
        threads.applyFor(m, k, n);
        INDArray left = plan.transposeA() ? of(a).matrix(k, m) : of(a).matrix(m, k);
        INDArray right = plan.transposeB() ? of(b).matrix(n, k) : of(b).matrix(k, n);
        gemm(left, right, of(out).matrix(m, n), plan.transposeA(), plan.transposeB());
    }

    private static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        Elementwise.binary(BinaryOp.ADD, plan, a, b, out);
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        Elementwise.binary(BinaryOp.MULTIPLY, plan, a, b, out);
    }

    @Override
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        Elementwise.binary(op, plan, a, b, out);
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        Number scalar = a.dtype() == DType.FLOAT32 ? (Number) (float) alpha : (Number) alpha;
        Nd4j.getExecutioner().exec(new ScalarMultiplication(of(a).flat(), null, of(out).flat(), scalar));
    }

    /** BLAS axpy; for {@code alpha == 0} the reference, since BLAS returns early and drops NaN and Inf of x. */
    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        if (alpha == 0) {
            super.axpy(alpha, x, y);
            return;
        }
        Nd4j.getBlasWrapper().level1().axpy(y.size(), alpha, of(x).flat(), of(y).flat());
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        if (!Functions.apply(op, of(a).flat(), of(out).flat())) {
            HostMap.apply(op, of(a).flat(), of(out).flat());
        }
    }

    // ---------------------------------------------------------------- reductions, layout, storage ops

    @Override
    public void reduce(ReduceOp op, AxisLayout l, Storage a, Storage out) {
        if (op != ReduceOp.SUM) {
            super.reduce(op, l, a, out);
            return;
        }
        INDArray in = of(a).reshaped(l.outer(), l.length(), l.inner());
        INDArray into = of(out).reshaped(l.outer(), l.inner());
        Nd4j.getExecutioner().exec(new Sum(in, into, 1));
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        INDArray swapped = of(a).reshaped(batches, rows, columns).permute(0, 2, 1);
        of(out).reshaped(batches, columns, rows).assign(swapped);
    }

    @Override
    public void copy(Storage src, Storage dst) {
        of(dst).flat().assign(of(src).flat());
    }

    @Override
    public void fill(double value, Storage dst) {
        of(dst).flat().assign(dst.dtype() == DType.FLOAT32 ? (Number) (float) value : (Number) value);
    }
}
