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
        Workers.configure();
        VectorBackend backend = new VectorBackend("CPU (Java heap, JDK Vector API: " + VectorMachine.CURRENT.describe()
                + "; float32 micro-kernel " + FloatGemm.MR + "x" + FloatGemm.NR / FloatGemm.VL + " vectors ("
                + FloatGemm.MR + "x" + FloatGemm.NR + " elements), depth block " + FloatGemm.KC
                + "; float64 " + DoubleGemm.MR + "x" + DoubleGemm.NR / DoubleGemm.VL + " (" + DoubleGemm.MR + "x"
                + DoubleGemm.NR + "), depth block " + DoubleGemm.KC + "; " + Workers.parallelism() + " threads)");
        Warmup.start(backend);
        return backend;
    }

    @Override
    public String device() {
        return device;
    }

    /** Ends the worker threads now; a later call starts them again. */
    @Override
    public void close() {
        Workers.shutdown();
    }

    /** From this many elements an elementwise kernel is split over the worker pool (memory-bound below that). */
    static final int PARALLEL_ELEMENTS = 1 << 17;

    /** A piece {@code [from, to)} of an elementwise range. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * {@code range} over {@code [0, n)}: on this thread for small {@code n}, else in one piece per worker, cut on
     * multiples of 64 elements (whole cache lines), so the pieces of an in-place update never share a line.
     */
    static void elementwise(int n, Range range) {
        int parts = n < PARALLEL_ELEMENTS ? 1 : Workers.parallelism();
        if (parts == 1) {
            range.run(0, n);
            return;
        }
        Workers.run(parts, part -> {
            int[] r = FloatGemm.split(n, 64, parts, part);
            if (r[0] < r[1]) {
                range.run(r[0], r[1]);
            }
        });
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

    /** {@code c += alpha · op(a) · op(b)} in the blocked kernel where its shape allows, else product then axpy. */
    @Override
    public void addProduct(ProductPlan p, double alpha, Storage a, Storage b, Storage c) {
        if (p.batchCount() != 1 || !FloatGemm.addsInPlace(p.m(), p.n(), p.k())) {
            super.addProduct(p, alpha, a, b, c);
        } else if (f32(c)) {
            FloatGemm.addProduct(p.transposeA(), p.transposeB(), p.m(), p.n(), p.k(), (float) alpha, floats(a),
                    p.aOffset(0), p.lda(), floats(b), p.bOffset(0), p.ldb(), floats(c), p.outOffset(0), p.ldc());
        } else {
            DoubleGemm.addProduct(p.transposeA(), p.transposeB(), p.m(), p.n(), p.k(), alpha, doubles(a),
                    p.aOffset(0), p.lda(), doubles(b), p.bOffset(0), p.ldb(), doubles(c), p.outOffset(0), p.ldc());
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
            case SAME_SHAPE -> elementwise(size, (from, to) -> binary(op, a, from, 1, b, from, 1, out, from, to - from));
            case SCALAR_A -> elementwise(size, (from, to) -> binary(op, a, 0, 0, b, from, 1, out, from, to - from));
            case SCALAR_B -> elementwise(size, (from, to) -> binary(op, a, from, 1, b, 0, 0, out, from, to - from));
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
        elementwise(out.size(), (from, to) -> {
            if (f32(out)) {
                FloatKernels.scale((float) alpha, floats(a), from, floats(out), from, to - from);
            } else {
                DoubleKernels.scale(alpha, doubles(a), from, doubles(out), from, to - from);
            }
        });
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        elementwise(y.size(), (from, to) -> {
            if (f32(y)) {
                FloatKernels.axpy((float) alpha, floats(x), from, floats(y), from, to - from);
            } else {
                DoubleKernels.axpy(alpha, doubles(x), from, doubles(y), from, to - from);
            }
        });
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        Fn fn = fn(op.kind());
        elementwise(out.size(), (from, to) -> map(fn, op.parameter(), a, from, out, from, to - from));
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
     * The product, and on each block of it, by the thread that computed it while it is in that core's cache,
     * the bias and the activation row by row: {@code z} is written once by the product and once by the bias,
     * {@code a} once.
     */
    @Override
    public void denseForward(ProductPlan p, Storage x, Storage w, Storage bias, UnaryOp activation, Storage z,
            Storage a) {
        int n = p.n();
        Fn fn = activation == null ? null : fn(activation.kind());
        double parameter = activation == null ? 0 : activation.parameter();
        Epilogue biasAndActivation = (rowFrom, rowTo, columnFrom, columnTo) -> {
            for (int r = rowFrom; r < rowTo; r++) {
                int at = r * n + columnFrom;
                binary(BinaryOp.ADD, z, at, 1, bias, columnFrom, 1, z, at, columnTo - columnFrom);
                if (fn != null) {
                    map(fn, parameter, z, at, a, at, columnTo - columnFrom);
                }
            }
        };
        if (f32(z)) {
            FloatGemm.gemm(false, false, p.m(), n, p.k(), floats(x), p.aOffset(0), p.lda(), floats(w), p.bOffset(0),
                    p.ldb(), floats(z), p.outOffset(0), p.ldc(), biasAndActivation);
        } else {
            DoubleGemm.gemm(false, false, p.m(), n, p.k(), doubles(x), p.aOffset(0), p.lda(), doubles(w),
                    p.bOffset(0), p.ldb(), doubles(z), p.outOffset(0), p.ldc(), biasAndActivation);
        }
    }

    /** ReLU's derivative times the gradient in one vector pass; the other derivatives map, then multiply. */
    @Override
    public void activationBackward(UnaryOp derivative, Storage z, Storage gradient, Storage out) {
        int n = out.size();
        if (derivative.kind() == UnaryOp.Kind.RELU_DERIVATIVE) {
            elementwise(n, (from, to) -> {
                if (f32(out)) {
                    FloatKernels.activationBackward(Fn.RELU, 0, floats(gradient), from, floats(z), from, floats(out), from,
                            to - from);
                } else {
                    DoubleKernels.activationBackward(Fn.RELU, 0, doubles(gradient), from, doubles(z), from, doubles(out),
                            from, to - from);
                }
            });
            return;
        }
        super.activationBackward(derivative, z, gradient, out);
    }

    @Override
    public double softmaxCrossEntropy(int rows, int columns, Storage logits, Storage targets, Storage probabilities,
            Storage gradient) {
        if (f32(logits)) {
            return FloatKernels.softmaxCrossEntropy(floats(logits), floats(targets), floats(probabilities),
                    floats(gradient), rows, columns);
        }
        return DoubleKernels.softmaxCrossEntropy(doubles(logits), doubles(targets), doubles(probabilities),
                doubles(gradient), rows, columns);
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
