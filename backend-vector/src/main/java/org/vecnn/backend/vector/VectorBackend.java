package org.vecnn.backend.vector;

import static org.vecnn.spi.HeapStorage.doubles;
import static org.vecnn.spi.HeapStorage.floats;

import java.util.Arrays;
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
 * The thin adapter from the SPI to the engine: heap storages' arrays handed to the static kernels of
 * {@link FloatGemm}/{@code DoubleGemm} and {@link FloatKernels}/{@code DoubleKernels}. No computation here.
 */
final class VectorBackend extends Kernels {
    private final String device;

    private VectorBackend(String device) {
        this.device = device;
    }

    static VectorBackend create() {
        return new VectorBackend("CPU (Java heap, JDK Vector API: " + FloatGemm.SPECIES + ", " + DoubleGemm.SPECIES
                + ", GEMM register block " + FloatGemm.MR + "x" + FloatGemm.NR + " float / " + DoubleGemm.MR + "x"
                + DoubleGemm.NR + " double, " + Workers.parallelism() + " threads)");
    }

    @Override
    public String device() {
        return device;
    }

    private static boolean f32(Storage s) {
        return s.dtype() == DType.FLOAT32;
    }

    /** The engine's function for {@code op}; exhaustive, so a new kind is a compile error here. */
    static Fn fn(UnaryOp.Kind kind) {
        return switch (kind) {
            case NEGATE -> Fn.NEGATE;
            case ABS -> Fn.ABS;
            case SQUARE -> Fn.SQUARE;
            case SQRT -> Fn.SQRT;
            case EXP -> Fn.EXP;
            case LOG -> Fn.LOG;
            case RELU -> Fn.RELU;
            case RELU_DERIVATIVE -> Fn.RELU_DERIVATIVE;
            case LEAKY_RELU -> Fn.LEAKY_RELU;
            case LEAKY_RELU_DERIVATIVE -> Fn.LEAKY_RELU_DERIVATIVE;
            case SIGMOID -> Fn.SIGMOID;
            case SIGMOID_DERIVATIVE -> Fn.SIGMOID_DERIVATIVE;
            case TANH -> Fn.TANH;
            case TANH_DERIVATIVE -> Fn.TANH_DERIVATIVE;
        };
    }

    // ---------------------------------------------------------------- products

    @Override
    public void matmul(ProductPlan p, Storage a, Storage b, Storage out) {
        int m = p.m();
        int batches = p.batchCount();
        if (stacksRowsOverOneRightMatrix(p)) {
            m *= batches;
            batches = 1;
        }
        for (int t = 0; t < batches; t++) {
            gemm(false, false, m, p.n(), p.k(), a, p.aOffset(t), p.k(), b, p.bOffset(t), p.n(), out, t * m * p.n(), p.n());
        }
    }

    /** Whether every batch multiplies consecutive left matrices by one right matrix: one taller product then. */
    private static boolean stacksRowsOverOneRightMatrix(ProductPlan p) {
        for (int t = 0; t < p.batchCount(); t++) {
            if (p.bOffset(t) != 0 || p.aOffset(t) != t * p.m() * p.k()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void product(ProductPlan p, Storage a, Storage b, Storage out) {
        for (int t = 0; t < p.batchCount(); t++) {
            gemm(p.transposeA(), p.transposeB(), p.m(), p.n(), p.k(), a, p.aOffset(t), p.lda(), b, p.bOffset(t),
                    p.ldb(), out, p.outOffset(t), p.ldc());
        }
    }

    private static void gemm(boolean transA, boolean transB, int m, int n, int k, Storage a, int aOff, int lda,
            Storage b, int bOff, int ldb, Storage c, int cOff, int ldc) {
        if (f32(c)) {
            FloatGemm.gemm(transA, transB, m, n, k, floats(a), aOff, lda, floats(b), bOff, ldb, floats(c), cOff, ldc);
        } else {
            DoubleGemm.gemm(transA, transB, m, n, k, doubles(a), aOff, lda, doubles(b), bOff, ldb, doubles(c), cOff, ldc);
        }
    }

    @Override
    public void dot(ProductPlan p, Storage a, Storage b, Storage out) {
        if (f32(out)) {
            FloatKernels.gemv(floats(a), p.m(), p.k(), floats(b), floats(out));
        } else {
            DoubleKernels.gemv(doubles(a), p.m(), p.k(), doubles(b), doubles(out));
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        binary(BinaryOp.ADD, plan, a, b, out);
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        binary(BinaryOp.MULTIPLY, plan, a, b, out);
    }

    /** The same-shape, scalar and row (bias) cases in vector loops; otherwise row by row with steps 0 or 1. */
    @Override
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        int size = out.size();
        switch (plan.kind()) {
            case SAME_SHAPE -> binary(op, a, 0, 1, b, 0, 1, out, 0, size);
            case SCALAR_A -> binary(op, a, 0, 0, b, 0, 1, out, 0, size);
            case SCALAR_B -> binary(op, a, 0, 1, b, 0, 0, out, 0, size);
            case ROW_B -> {
                for (int r = 0, cols = plan.columns(); r < plan.rows(); r++) {
                    binary(op, a, r * cols, 1, b, 0, 1, out, r * cols, cols);
                }
            }
            default -> {
                int cols = plan.columns();
                int aStep = plan.aColumnStep();
                int bStep = plan.bColumnStep();
                for (int r = 0; r < plan.rows(); r++) {
                    binary(op, a, plan.aRowStart(r), aStep, b, plan.bRowStart(r), bStep, out, r * cols, cols);
                }
            }
        }
    }

    private static void binary(BinaryOp op, Storage a, int aOff, int aStep, Storage b, int bOff, int bStep,
            Storage c, int cOff, int n) {
        if (f32(c)) {
            FloatKernels.binary(op, floats(a), aOff, aStep, floats(b), bOff, bStep, floats(c), cOff, n);
        } else {
            DoubleKernels.binary(op, doubles(a), aOff, aStep, doubles(b), bOff, bStep, doubles(c), cOff, n);
        }
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        if (f32(out)) {
            FloatKernels.scale((float) alpha, floats(a), 0, floats(out), 0, out.size());
        } else {
            DoubleKernels.scale(alpha, doubles(a), 0, doubles(out), 0, out.size());
        }
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        if (f32(y)) {
            FloatKernels.axpy((float) alpha, floats(x), 0, floats(y), 0, y.size());
        } else {
            DoubleKernels.axpy(alpha, doubles(x), 0, doubles(y), 0, y.size());
        }
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        map(fn(op.kind()), op.parameter(), a, 0, out, 0, out.size());
    }

    private static void map(Fn fn, double parameter, Storage a, int aOff, Storage out, int outOff, int n) {
        if (f32(out)) {
            FloatKernels.map(fn, parameter, floats(a), aOff, floats(out), outOff, n);
        } else {
            DoubleKernels.map(fn, parameter, doubles(a), aOff, doubles(out), outOff, n);
        }
    }

    // ---------------------------------------------------------------- the dense layer's fused steps

    /**
     * The product, then per row of the result (while it is in cache) the bias and the activation: {@code z} is
     * written once by the product and once by the bias, {@code a} once.
     */
    @Override
    public void denseForward(ProductPlan p, Storage x, Storage w, Storage bias, UnaryOp activation, Storage z,
            Storage a) {
        product(p, x, w, z);
        int n = p.n();
        Fn fn = activation == null ? null : fn(activation.kind());
        for (int r = 0; r < p.m(); r++) {
            binary(BinaryOp.ADD, z, r * n, 1, bias, 0, 1, z, r * n, n);
            if (fn != null) {
                map(fn, activation.parameter(), z, r * n, a, r * n, n);
            }
        }
    }

    /** ReLU's derivative times the gradient in one vector pass; the other derivatives map, then multiply. */
    @Override
    public void activationBackward(UnaryOp derivative, Storage z, Storage gradient, Storage out) {
        int n = out.size();
        if (derivative.kind() == UnaryOp.Kind.RELU_DERIVATIVE) {
            if (f32(out)) {
                FloatKernels.activationBackward(Fn.RELU, 0, floats(gradient), 0, floats(z), 0, floats(out), 0, n);
            } else {
                DoubleKernels.activationBackward(Fn.RELU, 0, doubles(gradient), 0, doubles(z), 0, doubles(out), 0, n);
            }
            return;
        }
        super.activationBackward(derivative, z, gradient, out);
    }

    // ---------------------------------------------------------------- reductions and layout

    @Override
    public void reduce(ReduceOp op, AxisLayout l, Storage a, Storage out) {
        switch (op) {
            case SUM -> {
                if (f32(out)) {
                    FloatKernels.sum(floats(a), l.outer(), l.length(), l.inner(), floats(out));
                } else {
                    DoubleKernels.sum(doubles(a), l.outer(), l.length(), l.inner(), doubles(out));
                }
            }
            case MAX -> {
                if (f32(out)) {
                    FloatKernels.max(floats(a), l.outer(), l.length(), l.inner(), floats(out));
                } else {
                    DoubleKernels.max(doubles(a), l.outer(), l.length(), l.inner(), doubles(out));
                }
            }
        }
    }

    @Override
    public int[] argmax(AxisLayout l, Storage a) {
        return f32(a) ? FloatKernels.argmax(floats(a), l.outer(), l.length(), l.inner())
                : DoubleKernels.argmax(doubles(a), l.outer(), l.length(), l.inner());
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        int matrix = rows * columns;
        for (int t = 0; t < batches; t++) {
            if (f32(out)) {
                FloatKernels.transpose(floats(a), t * matrix, rows, columns, floats(out), t * matrix);
            } else {
                DoubleKernels.transpose(doubles(a), t * matrix, rows, columns, doubles(out), t * matrix);
            }
        }
    }

    @Override
    public void copy(Storage src, Storage dst) {
        if (f32(src)) {
            System.arraycopy(floats(src), 0, floats(dst), 0, src.size());
        } else {
            System.arraycopy(doubles(src), 0, doubles(dst), 0, src.size());
        }
    }

    @Override
    public void fill(double value, Storage dst) {
        if (f32(dst)) {
            Arrays.fill(floats(dst), (float) value);
        } else {
            Arrays.fill(doubles(dst), value);
        }
    }
}
