package org.vecnn.tck;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vecnn.DType;
import org.vecnn.spi.ForwardingKernels;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.Storage;

/**
 * A decorator that runs another backend's kernels and counts what passes through: storage allocated, host
 * reads of storage, and calls per kernel primitive. For tests that must show that a loop allocates nothing
 * after its first pass, that a step is a given number of calls, or that only a loss is read back:
 * {@code Backend.of("counting", counting = new CountingKernels(kernels))}.
 */
public final class CountingKernels extends ForwardingKernels {
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    /** Counts what passes through to {@code delegate}. */
    public CountingKernels(Kernels delegate) {
        super(delegate);
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

    @Override
    protected long before(String primitive) {
        calls.computeIfAbsent(primitive, p -> new AtomicLong()).incrementAndGet();
        return 0;
    }

    @Override
    protected Storage unwrap(Storage s) {
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
        return delegate().device() + ", counted";
    }

    @Override
    public Storage allocate(int size, DType dtype) {
        allocations.incrementAndGet();
        return new Counted(delegate().allocate(size, dtype));
    }
}
