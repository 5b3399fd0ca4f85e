package org.vecnn.tck;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vecnn.DType;
import org.vecnn.UnaryOp;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.ReduceOp;
import org.vecnn.spi.Storage;

/**
 * A decorator that runs another backend's kernels and counts what passes through: storage allocated, host
 * reads of storage, and calls per kernel primitive. For tests that must show that a loop allocates nothing
 * after its first pass, that a step is a given number of calls, or that only a loss is read back:
 * {@code Backend.of("counting", counting = new CountingKernels(kernels))}.
 */
public final class CountingKernels extends Kernels {
    private final Kernels delegate;
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    /** Counts what passes through to {@code delegate}. */
    public CountingKernels(Kernels delegate) {
        this.delegate = delegate;
    }

    /** Storages allocated so far. */
    public long allocations() {
        return allocations.get();
    }

    /** Host reads of storage so far (whole or single elements). */
    public long reads() {
        return reads.get();
    }

    /** Calls of the primitive named {@code primitive} so far. */
    public long calls(String primitive) {
        AtomicLong n = calls.get(primitive);
        return n == null ? 0 : n.get();
    }

    /** Calls of every primitive so far. */
    public long kernelCalls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private void count(String primitive) {
        calls.computeIfAbsent(primitive, p -> new AtomicLong()).incrementAndGet();
    }

    private static Storage in(Storage s) {
        return ((Counted) s).inner;
    }

    /** Storage of the delegate, counting host reads. */
    private final class Counted implements Storage {
        final Storage inner;

        Counted(Storage inner) {
            this.inner = inner;
        }

        @Override
        public DType dtype() {
            return inner.dtype();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public void read(HostArray host) {
            reads.incrementAndGet();
            inner.read(host);
        }

        @Override
        public void write(HostArray host) {
            inner.write(host);
        }

        @Override
        public void release() {
            inner.release();
        }
    }

    @Override
    public String device() {
        return delegate.device() + ", counted";
    }

    @Override
    public java.util.Set<DType> dtypes() {
        return delegate.dtypes();
    }

    @Override
    public long maxElements(DType dtype) {
        return delegate.maxElements(dtype);
    }

    @Override
    public Storage allocate(int size, DType dtype) {
        allocations.incrementAndGet();
        return new Counted(delegate.allocate(size, dtype));
    }

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        count("matmul");
        delegate.matmul(plan, in(a), in(b), in(out));
    }

    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        count("dot");
        delegate.dot(plan, in(a), in(b), in(out));
    }

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        count("add");
        delegate.add(plan, in(a), in(b), in(out));
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        count("multiply");
        delegate.multiply(plan, in(a), in(b), in(out));
    }

    @Override
    public void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        count("product");
        delegate.product(plan, in(a), in(b), in(out));
    }

    @Override
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        count("binary");
        delegate.binary(op, plan, in(a), in(b), in(out));
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        count("unary");
        delegate.unary(op, in(a), in(out));
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        count("scale");
        delegate.scale(alpha, in(a), in(out));
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        count("axpy");
        delegate.axpy(alpha, in(x), in(y));
    }

    @Override
    public void reduce(ReduceOp op, AxisLayout layout, Storage a, Storage out) {
        count("reduce");
        delegate.reduce(op, layout, in(a), in(out));
    }

    @Override
    public int[] argmax(AxisLayout layout, Storage a) {
        count("argmax");
        return delegate.argmax(layout, in(a));
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        count("transpose");
        delegate.transpose(batches, rows, columns, in(a), in(out));
    }

    @Override
    public void copy(Storage src, Storage dst) {
        count("copy");
        delegate.copy(in(src), in(dst));
    }

    @Override
    public double softmaxCrossEntropy(int rows, int columns, Storage logits, Storage targets, Storage probabilities,
            Storage gradient) {
        count("softmaxCrossEntropy");
        return delegate.softmaxCrossEntropy(rows, columns, in(logits), in(targets), in(probabilities), in(gradient));
    }

    @Override
    public void fill(double value, Storage dst) {
        count("fill");
        delegate.fill(value, in(dst));
    }

    @Override
    public void denseForward(ProductPlan plan, Storage x, Storage w, Storage bias, UnaryOp activation, Storage z,
            Storage a) {
        count("denseForward");
        delegate.denseForward(plan, in(x), in(w), in(bias), activation, in(z), in(a));
    }

    @Override
    public void activationBackward(UnaryOp derivative, Storage z, Storage gradient, Storage out) {
        count("activationBackward");
        delegate.activationBackward(derivative, in(z), in(gradient), in(out));
    }
}
