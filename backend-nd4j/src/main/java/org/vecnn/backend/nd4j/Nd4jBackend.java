package org.vecnn.backend.nd4j;

import static org.vecnn.backend.nd4j.Nd4jTensor.of;

import java.util.EnumSet;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Capabilities;
import org.vecnn.spi.MatmulLayout;
import org.vecnn.spi.Op;
import org.vecnn.spi.UnaryOp;

/**
 * The {@code nd4j} backend: tensors are off-heap ND4J arrays ({@link Nd4jTensor}); products run on OpenBLAS
 * through ND4J's gemm, elementwise operations on ND4J's ops where their results are NumPy's bit for bit
 * ({@link Elementwise}, {@link Functions}). Kernels use no ND4J workspace and allocate nothing native but
 * views, so many threads can share the backend.
 */
final class Nd4jBackend extends Backend {
    private static final EnumSet<Op> ACCELERATED = EnumSet.of(Op.MATMUL, Op.DOT, Op.ADD, Op.MULTIPLY,
            Op.SUBTRACT, Op.DIVIDE, Op.SCALE, Op.AXPY, Op.MAP, Op.SUM, Op.TRANSPOSE,
            Op.MATMUL_TRANSPOSE_A, Op.MATMUL_TRANSPOSE_B, Op.COPY, Op.FILL);

    private final Nd4jThreads threads;
    private final OffHeapBudget budget;
    private final Capabilities capabilities;

    Nd4jBackend(Nd4jThreads threads, OffHeapBudget budget) {
        this.threads = threads;
        this.budget = budget;
        this.capabilities = Capabilities.of("CPU (off-heap ND4J arrays, OpenBLAS, " + threads.maxThreads() + " threads)",
                EnumSet.allOf(DType.class), ACCELERATED);
    }

    @Override
    public String name() {
        return Nd4jProvider.NAME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    // ---------------------------------------------------------------- storage

    @Override
    protected Tensor allocate(Shape shape, DType dtype) {
        budget.allocated((long) shape.size() * (dtype == DType.FLOAT32 ? Float.BYTES : Double.BYTES));
        return new Nd4jTensor(this, shape, dtype);
    }

    /**
     * ND4J's buffers are native memory: at most JavaCPP's limit ({@code -Dorg.bytedeco.javacpp.maxbytes}, by
     * default the heap's {@code -Xmx}) and the physical memory the system has free.
     */
    @Override
    protected long allocationLimit(DType dtype) {
        long limit = Pointer.maxBytes() > 0 ? Pointer.maxBytes() : Long.MAX_VALUE;
        long physical = Pointer.availablePhysicalBytes();
        return physical > 0 ? Math.min(limit, physical) : limit;
    }

    @Override
    protected String allocationLimitSource(DType dtype) {
        return "the smaller of JavaCPP's limit, -Dorg.bytedeco.javacpp.maxbytes (by default -Xmx), "
                + Pointer.maxBytes() + " bytes, and the free physical memory, " + Pointer.availablePhysicalBytes()
                + " bytes";
    }

    @Override
    protected void writeFloat32(float[] src, Tensor dst) {
        if (src.length > 0) {
            of(dst).flat().data().setData(src);
        }
    }

    @Override
    protected void writeFloat64(double[] src, Tensor dst) {
        if (src.length > 0) {
            of(dst).flat().data().setData(src);
        }
    }

    @Override
    protected float[] readFloat32(Tensor src) {
        return src.size() == 0 ? new float[0] : of(src).flat().data().asFloat();
    }

    @Override
    protected double[] readFloat64(Tensor src) {
        return src.size() == 0 ? new double[0] : of(src).flat().data().asDouble();
    }

    @Override
    protected double readElement(Tensor src, int flatIndex) {
        return of(src).flat().getDouble(flatIndex);
    }

    // ---------------------------------------------------------------- products

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout layout) {
        int m = layout.m();
        int k = layout.k();
        int n = layout.n();
        threads.applyFor(m, k, n);
        Nd4jTensor ta = of(a);
        Nd4jTensor tb = of(b);
        Nd4jTensor tc = of(out);
        if (layout.batchCount() == 1) {
            gemm(ta.matrix(m, k), tb.matrix(k, n), tc.matrix(m, n), false, false);
            return;
        }
        for (int batch = 0; batch < layout.batchCount(); batch++) {
            gemm(ta.matrixAt(layout.aOffset(batch), m, k), tb.matrixAt(layout.bOffset(batch), k, n),
                    tc.matrixAt(layout.outOffset(batch), m, n), false, false);
        }
    }

    @Override
    protected void dotKernel(Tensor a, Tensor b, Tensor out) {
        int k = b.size();
        int rows = out.size();
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
    protected void matmulTransposeAKernel(Tensor a, Tensor b, Tensor out) {
        int k = a.shape().dim(0);
        int m = a.shape().dim(1);
        int n = b.shape().dim(1);
        threads.applyFor(m, k, n);
        gemm(of(a).matrix(k, m), of(b).matrix(k, n), of(out).matrix(m, n), true, false);
    }

    @Override
    protected void matmulTransposeBKernel(Tensor a, Tensor b, Tensor out) {
        int m = a.shape().dim(0);
        int k = a.shape().dim(1);
        int n = b.shape().dim(0);
        threads.applyFor(m, k, n);
        gemm(of(a).matrix(m, k), of(b).matrix(n, k), of(out).matrix(m, n), false, true);
    }

    private static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        Elementwise.binary(Op.ADD, a, b, out);
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        Elementwise.binary(Op.MULTIPLY, a, b, out);
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        Elementwise.binary(Op.SUBTRACT, a, b, out);
    }

    @Override
    protected void divideKernel(Tensor a, Tensor b, Tensor out) {
        Elementwise.binary(Op.DIVIDE, a, b, out);
    }

    @Override
    protected void scaleKernel(Tensor a, double alpha, Tensor out) {
        Number scalar = a.dtype() == DType.FLOAT32 ? (Number) (float) alpha : (Number) alpha;
        Nd4j.getExecutioner().exec(new ScalarMultiplication(of(a).flat(), null, of(out).flat(), scalar));
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        if (alpha == 0) {
            // BLAS axpy returns at once for alpha 0 (NetLib's reference does, OpenBLAS too), leaving y unchanged
            // where NumPy's y + 0 * x is NaN for a NaN or infinite x.
            super.axpyKernel(alpha, x, y);
            return;
        }
        Nd4j.getBlasWrapper().level1().axpy(y.size(), alpha, of(x).flat(), of(y).flat());
    }

    @Override
    protected void mapKernel(UnaryOp op, Tensor a, Tensor out) {
        if (!Functions.apply(op, of(a).flat(), of(out).flat())) {
            HostMap.apply(op, of(a).flat(), of(out).flat());
        }
    }

    // ---------------------------------------------------------------- reductions, layout, storage ops

    @Override
    protected void sumKernel(Tensor a, int axis, Tensor out) {
        AxisLayout l = AxisLayout.of(a.shape(), axis);
        INDArray in = of(a).reshaped(l.outer(), l.length(), l.inner());
        INDArray into = of(out).reshaped(l.outer(), l.inner());
        Nd4j.getExecutioner().exec(new Sum(in, into, 1));
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        int rows = a.shape().dim(-2);
        int cols = a.shape().dim(-1);
        int matrices = a.size() / (rows * cols);
        INDArray swapped = of(a).reshaped(matrices, rows, cols).permute(0, 2, 1);
        of(out).reshaped(matrices, cols, rows).assign(swapped);
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        of(dst).flat().assign(of(src).flat());
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        of(dst).flat().assign(dst.dtype() == DType.FLOAT32 ? (Number) (float) value : (Number) value);
    }
}
