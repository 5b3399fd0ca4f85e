package org.vecnn.backend.vector;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.UnaryOp;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.HeapStorage;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.ReduceOp;
import org.vecnn.spi.Storage;

/**
 * Compiles the vector kernels before users need them. The Vector API runs many times slower than scalar code
 * until C2 has compiled a kernel (the interpreter and C1 box every vector), which takes a few thousand calls: a
 * new JVM's first products would be slower on this backend than on the loops reference. So the first backend
 * created starts one daemon thread that runs every kernel a network uses, in both element types, on small
 * operands, round after round until the vector product runs at least as fast as the scalar one twice in a
 * row (C2 has compiled the kernels; a ratio, so a busy machine slows both sides alike), or for at most 3 s, then
 * declares that element type {@link #ready}. Until then products take {@link FloatScalarGemm}'s scalar path, which gives
 * the same bits. The thread uses one core for a second or two and then ends; the element type a caller has
 * asked for first is warmed first. {@value #PROPERTY}{@code =false} turns the warm-up off (the vector kernels
 * then run from the first call and compile on use).
 */
final class Warmup {
    /** The system property that turns the warm-up off. */
    static final String PROPERTY = "vecnn.vector.warmup";
    /** Rounds at least, and the most time, the warm-up takes. */
    private static final int MIN_ROUNDS = 3;
    private static final long MAX_NANOS = 20_000_000_000L;
    /** The most time one element type waits for its vector kernels to beat the scalar ones. */
    private static final long DTYPE_NANOS = 3_000_000_000L;

    private static volatile boolean float32Ready;
    private static volatile boolean float64Ready;
    private static volatile Thread thread;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Calls that found an element type not ready: float32, float64. */
    private static final AtomicLongArray DEMAND = new AtomicLongArray(2);
    /** Nanoseconds each element type's warm-up took (0 until done). */
    private static final AtomicLongArray TOOK = new AtomicLongArray(2);

    private Warmup() {
    }

    /** Whether elements of {@code bytes} bytes run on the vector kernels: warmed up, or on the warm-up thread. */
    static boolean ready(int bytes) {
        if (bytes == Float.BYTES ? float32Ready : float64Ready) {
            return true;
        }
        if (Thread.currentThread() == thread) {
            return true;
        }
        DEMAND.incrementAndGet(bytes == Float.BYTES ? 0 : 1);
        return false;
    }

    /** Whether the calling thread is the warm-up's (which runs its kernels alone, never on the worker pool). */
    static boolean onWarmupThread() {
        Thread t = thread;
        return t != null && Thread.currentThread() == t;
    }

    /** Starts the warm-up of {@code kernels} once per JVM, unless {@value #PROPERTY} is {@code false}. */
    static void start(Kernels kernels) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            float32Ready = true;
            float64Ready = true;
            return;
        }
        Thread t = new Thread(() -> run(kernels), "vecnn-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.setContextClassLoader(null);
        thread = t;
        t.start();
    }

    /** Blocks until both element types are ready (for tests and benchmarks that measure the compiled kernels). */
    static void await() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join();
        }
    }

    /** Marks an element type ready or not (tests of both paths). */
    static void force(int bytes, boolean ready) {
        if (bytes == Float.BYTES) {
            float32Ready = ready;
        } else {
            float64Ready = ready;
        }
    }

    /** What the warm-up did, in words, for reports. */
    static String describe() {
        String state = float32Ready && float64Ready ? "done" : thread != null ? "running" : "off";
        return "warm-up " + state + (TOOK.get(0) > 0 ? String.format(java.util.Locale.ROOT,
                " (float32 %.2f s, float64 %.2f s)", TOOK.get(0) / 1e9, TOOK.get(1) / 1e9) : "");
    }

    private static void run(Kernels kernels) {
        long start = System.nanoTime();
        Operands[] operands = new Operands[2];
        int[] rounds = new int[2];
        int[] faster = new int[2];
        long[] began = new long[2];
        try {
            while (!(float32Ready && float64Ready) && System.nanoTime() - start < MAX_NANOS) {
                // The element type callers are waiting for goes first; float32 when neither or both are asked for.
                int which = float32Ready ? 1 : float64Ready ? 0 : DEMAND.get(1) > DEMAND.get(0) ? 1 : 0;
                DType dtype = which == 0 ? DType.FLOAT32 : DType.FLOAT64;
                if (operands[which] == null) {
                    operands[which] = new Operands(dtype);
                    began[which] = System.nanoTime();
                }
                operands[which].round(kernels);
                rounds[which]++;
                faster[which] = operands[which].vectorBeatsScalar() ? faster[which] + 1 : 0;
                // A machine busy with the callers' own products can starve the warm-up: after DTYPE_NANOS of it the
                // kernels have run thousands of times, and the callers are better served by them, compiled or about to be.
                boolean compiled = rounds[which] >= MIN_ROUNDS && faster[which] >= 2;
                if (compiled || System.nanoTime() - began[which] >= DTYPE_NANOS) {
                    TOOK.set(which, System.nanoTime() - start);
                    force(dtype.byteSize(), true);
                }
            }
        } catch (RuntimeException | Error e) {
            // The vector kernels are correct compiled or not: they run from now on, compiling on use.
        } finally {
            float32Ready = true;
            float64Ready = true;
            thread = null;
        }
    }

    /** Small operands for every kernel a dense network runs, sized to take each path of the products. */
    private static final class Operands {
        final DType dtype;
        final int vl;
        final int nr;
        final int kc;
        final Storage a;
        final Storage b;
        final Storage c;
        final Storage bias;
        final Storage scratch;
        final Storage probabilities;
        final Storage gradient;

        Operands(DType dtype) {
            this.dtype = dtype;
            boolean single = dtype == DType.FLOAT32;
            vl = single ? FloatGemm.VL : DoubleGemm.VL;
            nr = single ? FloatGemm.NR : DoubleGemm.NR;
            kc = single ? FloatGemm.KC : DoubleGemm.KC;
            a = filled(4 * kc * 40, 1);
            b = filled(4 * kc * (2 * nr + 3), 2);
            c = filled(48 * (2 * nr + 3) + 4 * kc * 40, 3);
            bias = filled(2 * nr + 3, 4);
            scratch = filled(c.size(), 5);
            probabilities = filled(480, 6);
            gradient = filled(480, 7);
        }

        private Storage filled(int size, int seed) {
            Storage s = HeapStorage.zeros(size, dtype);
            org.vecnn.spi.HostArray host = org.vecnn.spi.HostArray.zeros(dtype, size);
            for (int i = 0; i < size; i++) {
                host.set(i, ((i * 31 + seed * 17) % 19 - 9) / 16.0);
            }
            s.write(host);
            return s;
        }

        /**
         * Whether the vector product now runs at least as fast as the scalar one on a small blocked product (each
         * the best of three calls): until C2 has compiled it, the vector product is many times slower. A ratio, so a
         * machine busy with other work slows both sides alike.
         */
        boolean vectorBeatsScalar() {
            int m = 48, n = 2 * nr, depth = kc;
            long vector = Long.MAX_VALUE;
            long scalar = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                if (dtype == DType.FLOAT32) {
                    FloatGemm.vectorGemm(false, false, m, n, depth, HeapStorage.floats(a), 0, depth, HeapStorage.floats(b),
                            0, n, HeapStorage.floats(c), 0, n, 1, Epilogue.NONE);
                } else {
                    DoubleGemm.vectorGemm(false, false, m, n, depth, HeapStorage.doubles(a), 0, depth,
                            HeapStorage.doubles(b), 0, n, HeapStorage.doubles(c), 0, n, 1, Epilogue.NONE);
                }
                long t1 = System.nanoTime();
                if (dtype == DType.FLOAT32) {
                    FloatScalarGemm.gemm(false, false, m, n, depth, HeapStorage.floats(a), 0, depth,
                            HeapStorage.floats(b), 0, n, 1, false, HeapStorage.floats(c), 0, n);
                } else {
                    DoubleScalarGemm.gemm(false, false, m, n, depth, HeapStorage.doubles(a), 0, depth,
                            HeapStorage.doubles(b), 0, n, 1, false, HeapStorage.doubles(c), 0, n);
                }
                long t2 = System.nanoTime();
                vector = Math.min(vector, t1 - t0);
                scalar = Math.min(scalar, t2 - t1);
            }
            return vector <= scalar;
        }

        void round(Kernels k) {
            int wide = 2 * nr + 3;
            for (int[] shape : new int[][] {{48, wide, kc + 7}, {48, 3, 40}, {48, vl + 2, 40}, {16, wide, 4 * kc}}) {
                int m = shape[0], n = shape[1], depth = shape[2];
                Shape sa = Shape.of(m, depth);
                Shape sb = Shape.of(depth, n);
                k.matmul(ProductPlan.matmul("warm-up", sa, sb), a, b, c);
                k.product(ProductPlan.transposed("warm-up", Shape.of(depth, m), sb, true, false), a, b, c);
                k.product(ProductPlan.transposed("warm-up", sa, Shape.of(n, depth), false, true), a, b, c);
                k.addProduct(ProductPlan.transposed("warm-up", Shape.of(depth, m), sb, true, false), -0.01, a, b, c);
                for (UnaryOp activation : new UnaryOp[] {null, UnaryOp.RELU, UnaryOp.TANH, UnaryOp.SIGMOID}) {
                    k.denseForward(ProductPlan.transposed("warm-up", sa, sb, false, false), a, b, bias, activation,
                            c, scratch);
                }
            }
            Shape matrix = Shape.of(48, wide);
            Shape size = Shape.of(matrix.size());
            k.add(Broadcast.plan("warm-up", matrix, Shape.of(wide)), c, bias, scratch);
            k.add(Broadcast.plan("warm-up", size, size), c, scratch, scratch);
            k.multiply(Broadcast.plan("warm-up", size, size), c, scratch, scratch);
            k.multiply(Broadcast.plan("warm-up", size, Shape.of()), c, bias, scratch);
            k.scale(0.5, c, scratch);
            k.axpy(-0.01, c, scratch);
            for (UnaryOp op : new UnaryOp[] {UnaryOp.RELU, UnaryOp.RELU_DERIVATIVE, UnaryOp.TANH,
                UnaryOp.TANH_DERIVATIVE, UnaryOp.SIGMOID, UnaryOp.SIGMOID_DERIVATIVE, UnaryOp.EXP}) {
                k.unary(op.roundedTo(dtype), c, scratch);
            }
            k.activationBackward(UnaryOp.RELU_DERIVATIVE, c, scratch, scratch);
            k.softmaxCrossEntropy(48, 10, c, scratch, probabilities, gradient);
            k.reduce(ReduceOp.SUM, AxisLayout.of(matrix, 0), c, scratch);
            k.reduce(ReduceOp.SUM, AxisLayout.of(matrix, 1), c, scratch);
            k.reduce(ReduceOp.MAX, AxisLayout.of(matrix, 1), c, scratch);
            k.argmax(AxisLayout.of(matrix, 1), c);
            k.transpose(1, 48, wide, c, scratch);
            k.dot(ProductPlan.dot("warm-up", Shape.of(48, kc), Shape.of(kc)), a, b, scratch);
        }
    }
}
