package org.vecnn.backend.vector;

import org.vecnn.UnaryOp;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.ReduceOp;
import org.vecnn.spi.Storage;

/**
 * The thin adapter from the SPI to the engines: each call picks the {@link Engine} of its dtype once
 * ({@link FloatEngine} or {@code DoubleEngine}), which hands the heap storages' arrays to the static kernels of
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

    // ---------------------------------------------------------------- products

    @Override
    public void matmul(ProductPlan p, Storage a, Storage b, Storage out) {
        Engine engine = Engine.of(out);
        int m = p.m();
        int batches = p.batchCount();
        if (p.stacksRowsOverOneRightMatrix()) {
            m *= batches;
            batches = 1;
        }
        for (int t = 0; t < batches; t++) {
            engine.gemm(false, false, m, p.n(), p.k(), a, p.aOffset(t), p.k(), b, p.bOffset(t), p.n(), out,
                    t * m * p.n(), p.n());
        }
    }

    @Override
    public void product(ProductPlan p, Storage a, Storage b, Storage out) {
        Engine engine = Engine.of(out);
        for (int t = 0; t < p.batchCount(); t++) {
            engine.gemm(p.transposeA(), p.transposeB(), p.m(), p.n(), p.k(), a, p.aOffset(t), p.lda(), b,
                    p.bOffset(t), p.ldb(), out, p.outOffset(t), p.ldc());
        }
    }

    /** {@code c += alpha · op(a) · op(b)} in the blocked kernel where its shape allows, else product then axpy. */
    @Override
    public void addProduct(ProductPlan p, double alpha, Storage a, Storage b, Storage c) {
        Engine engine = Engine.of(c);
        if (p.batchCount() != 1 || !engine.addsInPlace(p.m(), p.n(), p.k())) {
            super.addProduct(p, alpha, a, b, c);
        } else {
            engine.addProduct(p.transposeA(), p.transposeB(), p.m(), p.n(), p.k(), alpha, a, p.aOffset(0), p.lda(),
                    b, p.bOffset(0), p.ldb(), c, p.outOffset(0), p.ldc());
        }
    }

    @Override
    public void dot(ProductPlan p, Storage a, Storage b, Storage out) {
        Engine.of(out).gemv(a, p.m(), p.k(), b, out);
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
        Engine e = Engine.of(out);
        int size = out.size();
        switch (plan.kind()) {
            case SAME_SHAPE -> elementwise(size, (from, to) -> e.binary(op, a, from, 1, b, from, 1, out, from, to - from));
            case SCALAR_A -> elementwise(size, (from, to) -> e.binary(op, a, 0, 0, b, from, 1, out, from, to - from));
            case SCALAR_B -> elementwise(size, (from, to) -> e.binary(op, a, from, 1, b, 0, 0, out, from, to - from));
            case ROW_B -> {
                for (int r = 0, cols = plan.columns(); r < plan.rows(); r++) {
                    e.binary(op, a, r * cols, 1, b, 0, 1, out, r * cols, cols);
                }
            }
            default -> {
                int cols = plan.columns();
                int aStep = plan.aColumnStep();
                int bStep = plan.bColumnStep();
                for (int r = 0; r < plan.rows(); r++) {
                    e.binary(op, a, plan.aRowStart(r), aStep, b, plan.bRowStart(r), bStep, out, r * cols, cols);
                }
            }
        }
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        Engine e = Engine.of(out);
        elementwise(out.size(), (from, to) -> e.scale(alpha, a, from, out, from, to - from));
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        Engine e = Engine.of(y);
        elementwise(y.size(), (from, to) -> e.axpy(alpha, x, from, y, from, to - from));
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        Engine e = Engine.of(out);
        Fn fn = Fn.of(op.kind());
        elementwise(out.size(), (from, to) -> e.map(fn, op.parameter(), a, from, out, from, to - from));
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
        Engine e = Engine.of(z);
        int n = p.n();
        Fn fn = activation == null ? null : Fn.of(activation.kind());
        double parameter = activation == null ? 0 : activation.parameter();
        Epilogue biasAndActivation = (rowFrom, rowTo, columnFrom, columnTo) -> {
            for (int r = rowFrom; r < rowTo; r++) {
                int at = r * n + columnFrom;
                e.binary(BinaryOp.ADD, z, at, 1, bias, columnFrom, 1, z, at, columnTo - columnFrom);
                if (fn != null) {
                    e.map(fn, parameter, z, at, a, at, columnTo - columnFrom);
                }
            }
        };
        e.gemm(false, false, p.m(), n, p.k(), x, p.aOffset(0), p.lda(), w, p.bOffset(0), p.ldb(), z, p.outOffset(0),
                p.ldc(), biasAndActivation);
    }

    /** ReLU's derivative times the gradient in one vector pass; the other derivatives map, then multiply. */
    @Override
    public void activationBackward(UnaryOp derivative, Storage z, Storage gradient, Storage out) {
        if (derivative.kind() == UnaryOp.Kind.RELU_DERIVATIVE) {
            Engine e = Engine.of(out);
            elementwise(out.size(),
                    (from, to) -> e.activationBackward(Fn.RELU, 0, gradient, from, z, from, out, from, to - from));
            return;
        }
        super.activationBackward(derivative, z, gradient, out);
    }

    @Override
    public double softmaxCrossEntropy(int rows, int columns, Storage logits, Storage targets, Storage probabilities,
            Storage gradient) {
        return Engine.of(logits).softmaxCrossEntropy(logits, targets, probabilities, gradient, rows, columns);
    }

    // ---------------------------------------------------------------- reductions and layout

    @Override
    public void reduce(ReduceOp op, AxisLayout l, Storage a, Storage out) {
        Engine e = Engine.of(out);
        switch (op) {
            case SUM -> e.sum(a, l.outer(), l.length(), l.inner(), out);
            case MAX -> e.max(a, l.outer(), l.length(), l.inner(), out);
        }
    }

    @Override
    public int[] argmax(AxisLayout l, Storage a) {
        return Engine.of(a).argmax(a, l.outer(), l.length(), l.inner());
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        Engine e = Engine.of(out);
        int matrix = rows * columns;
        for (int t = 0; t < batches; t++) {
            e.transpose(a, t * matrix, rows, columns, out, t * matrix);
        }
    }

    @Override
    public void copy(Storage src, Storage dst) {
        Engine.of(src).copy(src, dst);
    }

    @Override
    public void fill(double value, Storage dst) {
        Engine.of(dst).fill(value, dst);
    }
}
