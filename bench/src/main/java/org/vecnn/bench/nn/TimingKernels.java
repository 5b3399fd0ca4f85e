package org.vecnn.bench.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * A decorator that times every primitive call of another backend's kernels, keyed by primitive and shape, while
 * {@link #recording}; the storages pass through untouched, so the backend sees its own. Single-threaded callers
 * only (the MLP's training loop).
 */
final class TimingKernels extends Kernels {
    private final Kernels delegate;
    private final Map<String, long[]> durations = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    boolean recording;

    TimingKernels(Kernels delegate) {
        this.delegate = delegate;
    }

    /** Forgets what was recorded. */
    void clear() {
        durations.clear();
        counts.clear();
    }

    /** The recorded call durations of each key, in nanoseconds, sorted. */
    Map<String, long[]> sorted() {
        Map<String, long[]> result = new TreeMap<>();
        durations.forEach((key, values) -> {
            long[] copy = Arrays.copyOf(values, counts.get(key));
            Arrays.sort(copy);
            result.put(key, copy);
        });
        return result;
    }

    private void record(String key, long start) {
        if (!recording) {
            return;
        }
        long duration = System.nanoTime() - start;
        int n = counts.getOrDefault(key, 0);
        long[] values = durations.computeIfAbsent(key, k -> new long[1024]);
        if (n == values.length) {
            values = Arrays.copyOf(values, 2 * n);
            durations.put(key, values);
        }
        values[n] = duration;
        counts.put(key, n + 1);
    }

    private static String shape(ProductPlan p) {
        return p.m() + "x" + p.k() + "x" + p.n() + (p.transposeA() ? " Aᵀ" : "") + (p.transposeB() ? " Bᵀ" : "");
    }

    @Override
    public String device() {
        return delegate.device();
    }

    @Override
    public Set<DType> dtypes() {
        return delegate.dtypes();
    }

    @Override
    public long maxElements(DType dtype) {
        return delegate.maxElements(dtype);
    }

    @Override
    public Storage allocate(int size, DType dtype) {
        return delegate.allocate(size, dtype);
    }

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        long t = System.nanoTime();
        delegate.matmul(plan, a, b, out);
        record("matmul " + shape(plan), t);
    }

    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        long t = System.nanoTime();
        delegate.dot(plan, a, b, out);
        record("dot " + shape(plan), t);
    }

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        long t = System.nanoTime();
        delegate.add(plan, a, b, out);
        record("add " + plan.kind() + " " + out.size(), t);
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        long t = System.nanoTime();
        delegate.multiply(plan, a, b, out);
        record("multiply " + plan.kind() + " " + out.size(), t);
    }

    @Override
    public void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        long t = System.nanoTime();
        delegate.product(plan, a, b, out);
        record("product " + shape(plan), t);
    }

    @Override
    public void addProduct(ProductPlan plan, double alpha, Storage a, Storage b, Storage c) {
        long t = System.nanoTime();
        delegate.addProduct(plan, alpha, a, b, c);
        record("addProduct " + shape(plan), t);
    }

    @Override
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        long t = System.nanoTime();
        delegate.binary(op, plan, a, b, out);
        record("binary " + op + " " + plan.kind() + " " + out.size(), t);
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        long t = System.nanoTime();
        delegate.unary(op, a, out);
        record("unary " + op.kind() + " " + out.size(), t);
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        long t = System.nanoTime();
        delegate.scale(alpha, a, out);
        record("scale " + out.size(), t);
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        long t = System.nanoTime();
        delegate.axpy(alpha, x, y);
        record("axpy " + y.size(), t);
    }

    @Override
    public void reduce(ReduceOp op, AxisLayout layout, Storage a, Storage out) {
        long t = System.nanoTime();
        delegate.reduce(op, layout, a, out);
        record("reduce " + op + " " + layout.outer() + "x" + layout.length() + "x" + layout.inner(), t);
    }

    @Override
    public int[] argmax(AxisLayout layout, Storage a) {
        long t = System.nanoTime();
        int[] result = delegate.argmax(layout, a);
        record("argmax " + layout.outer() + "x" + layout.length() + "x" + layout.inner(), t);
        return result;
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        long t = System.nanoTime();
        delegate.transpose(batches, rows, columns, a, out);
        record("transpose " + rows + "x" + columns, t);
    }

    @Override
    public void copy(Storage src, Storage dst) {
        long t = System.nanoTime();
        delegate.copy(src, dst);
        record("copy " + dst.size(), t);
    }

    @Override
    public void fill(double value, Storage dst) {
        long t = System.nanoTime();
        delegate.fill(value, dst);
        record("fill " + dst.size(), t);
    }

    @Override
    public void denseForward(ProductPlan plan, Storage x, Storage w, Storage bias, UnaryOp activation, Storage z,
            Storage a) {
        long t = System.nanoTime();
        delegate.denseForward(plan, x, w, bias, activation, z, a);
        record("denseForward " + shape(plan) + (activation == null ? "" : " " + activation.kind()), t);
    }

    @Override
    public void activationBackward(UnaryOp derivative, Storage z, Storage gradient, Storage out) {
        long t = System.nanoTime();
        delegate.activationBackward(derivative, z, gradient, out);
        record("activationBackward " + derivative.kind() + " " + out.size(), t);
    }

    @Override
    public double softmaxCrossEntropy(int rows, int columns, Storage logits, Storage targets, Storage probabilities,
            Storage gradient) {
        long t = System.nanoTime();
        double loss = delegate.softmaxCrossEntropy(rows, columns, logits, targets, probabilities, gradient);
        record("softmaxCrossEntropy " + rows + "x" + columns, t);
        return loss;
    }
}
