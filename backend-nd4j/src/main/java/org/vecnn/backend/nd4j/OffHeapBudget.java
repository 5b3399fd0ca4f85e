package org.vecnn.backend.nd4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps off-heap memory bounded when users let results go instead of writing into outputs. ND4J frees a
 * buffer only after the garbage collector has found its array unreachable, and a small Java object holding a
 * large native buffer gives the collector no reason to run, so the process grows by gigabytes (see
 * docs/performance.md). So after every {@link #bytes()} bytes of new buffers this asks for a collection, as
 * JavaCPP does for its own pointers. Buffers released deterministically (a closed tensor, a closed scope)
 * count no more, so code that closes what it allocates, or writes into outputs, never triggers a collection.
 * Set with {@value #PROPERTY} (bytes; 0 turns it off).
 */
final class OffHeapBudget {
    static final String PROPERTY = "vecnn.nd4j.gcBytes";
    static final long DEFAULT_BYTES = 256L << 20;

    private final long bytes;
    private final AtomicLong sinceCollection = new AtomicLong();

    OffHeapBudget(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException(PROPERTY + " must be >= 0, got " + bytes);
        }
        this.bytes = bytes;
    }

    static OffHeapBudget fromSystemProperties() {
        return new OffHeapBudget(Nd4jThreads.property(PROPERTY, DEFAULT_BYTES));
    }

    long bytes() {
        return bytes;
    }

    /** Records a new buffer of {@code size} bytes; returns whether that asked for a collection. */
    boolean allocated(long size) {
        if (bytes == 0 || sinceCollection.addAndGet(size) < bytes) {
            return false;
        }
        sinceCollection.set(0);
        System.gc();
        return true;
    }

    /**
     * Records that a buffer of {@code size} bytes was freed deterministically. Never below zero: a buffer counted
     * before the last collection was already forgotten by it, and must not make room for more.
     */
    void released(long size) {
        sinceCollection.accumulateAndGet(size, (counted, freed) -> Math.max(0, counted - freed));
    }

    /** Bytes of new buffers counted since the last collection. */
    long counted() {
        return sinceCollection.get();
    }

    @Override
    public String toString() {
        return bytes == 0 ? "no collections for off-heap memory (-D" + PROPERTY + "=0)"
                : "a collection after every " + (bytes >> 20) + " MB of new buffers (-D" + PROPERTY + ")";
    }
}
