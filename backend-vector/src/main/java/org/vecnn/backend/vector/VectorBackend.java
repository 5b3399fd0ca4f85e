package org.vecnn.backend.vector;

import static org.vecnn.spi.HeapTensor.doubles;
import static org.vecnn.spi.HeapTensor.floats;

import java.util.Arrays;
import java.util.EnumSet;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.Capabilities;
import org.vecnn.spi.MatmulLayout;
import org.vecnn.spi.Op;
import org.vecnn.spi.UnaryOp;

/**
 * The thin adapter from the SPI to the engine: heap tensors' arrays handed to the static kernels of
 * {@link FloatGemm}/{@code DoubleGemm} and {@link FloatKernels}/{@code DoubleKernels}. No computation here.
 */
final class VectorBackend extends Backend {
    private final Capabilities capabilities;

    private VectorBackend(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    static VectorBackend create() {
        String device = "CPU (Java heap, JDK Vector API: " + FloatGemm.SPECIES + ", " + DoubleGemm.SPECIES
                + ", GEMM register block " + FloatGemm.MR + "x" + FloatGemm.NR + " float / " + DoubleGemm.MR + "x"
                + DoubleGemm.NR + " double, " + Workers.parallelism() + " threads)";
        return new VectorBackend(Capabilities.of(device, EnumSet.allOf(DType.class), EnumSet.allOf(Op.class)));
    }

    @Override
    public String name() {
        return VectorProvider.NAME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    private static boolean f32(Tensor t) {
        return t.dtype() == DType.FLOAT32;
    }

    // ---------------------------------------------------------------- products

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout l) {
        int m = l.m();
        int k = l.k();
        int n = l.n();
        int batches = l.batchCount();
        if (stacksRowsOverOneRightMatrix(l)) {
            m *= batches;
            batches = 1;
        }
        for (int batch = 0; batch < batches; batch++) {
            if (f32(out)) {
                FloatGemm.gemm(false, false, m, n, k, floats(a), l.aOffset(batch), k, floats(b), l.bOffset(batch), n,
                        floats(out), batch * m * n, n);
            } else {
                DoubleGemm.gemm(false, false, m, n, k, doubles(a), l.aOffset(batch), k, doubles(b), l.bOffset(batch), n,
                        doubles(out), batch * m * n, n);
            }
        }
    }

    /** Whether every batch multiplies consecutive left matrices by one right matrix: one taller product then. */
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
        if (f32(out)) {
            FloatKernels.gemv(floats(a), out.size(), b.size(), floats(b), floats(out));
        } else {
            DoubleKernels.gemv(doubles(a), out.size(), b.size(), doubles(b), doubles(out));
        }
    }

    @Override
    protected void matmulTransposeAKernel(Tensor a, Tensor b, Tensor out) {
        int k = a.shape().dim(0);
        int m = a.shape().dim(1);
        int n = b.shape().dim(1);
        if (f32(out)) {
            FloatGemm.gemm(true, false, m, n, k, floats(a), 0, m, floats(b), 0, n, floats(out), 0, n);
        } else {
            DoubleGemm.gemm(true, false, m, n, k, doubles(a), 0, m, doubles(b), 0, n, doubles(out), 0, n);
        }
    }

    @Override
    protected void matmulTransposeBKernel(Tensor a, Tensor b, Tensor out) {
        int m = a.shape().dim(0);
        int k = a.shape().dim(1);
        int n = b.shape().dim(0);
        if (f32(out)) {
            FloatGemm.gemm(false, true, m, n, k, floats(a), 0, k, floats(b), 0, k, floats(out), 0, n);
        } else {
            DoubleGemm.gemm(false, true, m, n, k, doubles(a), 0, k, doubles(b), 0, k, doubles(out), 0, n);
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.ADD, a, b, out);
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.MULTIPLY, a, b, out);
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.SUBTRACT, a, b, out);
    }

    @Override
    protected void divideKernel(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.DIVIDE, a, b, out);
    }

    /** The same-shape and scalar fast paths in one call; otherwise row by row with strides 0 or 1. */
    private static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Shape shape = out.shape();
        int size = out.size();
        boolean fullA = a.shape().equals(shape);
        boolean fullB = b.shape().equals(shape);
        if ((fullA || a.size() == 1) && (fullB || b.size() == 1)) {
            int sa = fullA ? 1 : 0;
            int sb = fullB ? 1 : 0;
            if (f32(out)) {
                FloatKernels.binary(op, floats(a), 0, sa, floats(b), 0, sb, floats(out), 0, size);
            } else {
                DoubleKernels.binary(op, doubles(a), 0, sa, doubles(b), 0, sb, doubles(out), 0, size);
            }
            return;
        }
        int rowLength = shape.rank() == 0 ? 1 : shape.dim(-1);
        int[] aStarts = Broadcast.rowStarts(a.shape(), shape);
        int[] bStarts = Broadcast.rowStarts(b.shape(), shape);
        int aStride = Broadcast.rowStride(a.shape(), shape);
        int bStride = Broadcast.rowStride(b.shape(), shape);
        if (f32(out)) {
            FloatKernels.rows(op, floats(a), aStarts, aStride, floats(b), bStarts, bStride, floats(out), rowLength);
        } else {
            DoubleKernels.rows(op, doubles(a), aStarts, aStride, doubles(b), bStarts, bStride, doubles(out), rowLength);
        }
    }

    @Override
    protected void scaleKernel(Tensor a, double alpha, Tensor out) {
        if (f32(out)) {
            FloatKernels.scale((float) alpha, floats(a), 0, floats(out), 0, out.size());
        } else {
            DoubleKernels.scale(alpha, doubles(a), 0, doubles(out), 0, out.size());
        }
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        if (f32(y)) {
            FloatKernels.axpy((float) alpha, floats(x), 0, floats(y), 0, y.size());
        } else {
            DoubleKernels.axpy(alpha, doubles(x), 0, doubles(y), 0, y.size());
        }
    }

    @Override
    protected void mapKernel(UnaryOp op, Tensor a, Tensor out) {
        Fn fn = Fn.valueOf(op.kind().name());
        if (f32(out)) {
            FloatKernels.map(fn, op.parameter(), floats(a), 0, floats(out), 0, out.size());
        } else {
            DoubleKernels.map(fn, op.parameter(), doubles(a), 0, doubles(out), 0, out.size());
        }
    }

    // ---------------------------------------------------------------- reductions and layout

    @Override
    protected void sumKernel(Tensor a, int axis, Tensor out) {
        AxisLayout l = AxisLayout.of(a.shape(), axis);
        if (f32(out)) {
            FloatKernels.sum(floats(a), l.outer(), l.length(), l.inner(), floats(out));
        } else {
            DoubleKernels.sum(doubles(a), l.outer(), l.length(), l.inner(), doubles(out));
        }
    }

    @Override
    protected void maxKernel(Tensor a, int axis, Tensor out) {
        AxisLayout l = AxisLayout.of(a.shape(), axis);
        if (f32(out)) {
            FloatKernels.max(floats(a), l.outer(), l.length(), l.inner(), floats(out));
        } else {
            DoubleKernels.max(doubles(a), l.outer(), l.length(), l.inner(), doubles(out));
        }
    }

    @Override
    protected int[] argmaxKernel(Tensor a, int axis) {
        AxisLayout l = AxisLayout.of(a.shape(), axis);
        return f32(a) ? FloatKernels.argmax(floats(a), l.outer(), l.length(), l.inner())
                : DoubleKernels.argmax(doubles(a), l.outer(), l.length(), l.inner());
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        int rows = a.shape().dim(-2);
        int cols = a.shape().dim(-1);
        int matrix = rows * cols;
        for (int off = 0; off < a.size(); off += matrix) {
            if (f32(out)) {
                FloatKernels.transpose(floats(a), off, rows, cols, floats(out), off);
            } else {
                DoubleKernels.transpose(doubles(a), off, rows, cols, doubles(out), off);
            }
        }
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        if (f32(src)) {
            System.arraycopy(floats(src), 0, floats(dst), 0, src.size());
        } else {
            System.arraycopy(doubles(src), 0, doubles(dst), 0, src.size());
        }
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        if (f32(dst)) {
            Arrays.fill(floats(dst), (float) value);
        } else {
            Arrays.fill(doubles(dst), value);
        }
    }
}
