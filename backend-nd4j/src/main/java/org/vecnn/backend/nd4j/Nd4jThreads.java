package org.vecnn.backend.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads OpenBLAS may use for one product. Threads pay off only on large products: on small ones
 * waking and joining them costs more than the product (measured: float64 n=64 ten times slower on the
 * default two threads than on one). Products under {@link #parallelWork()} multiply-adds run on one thread,
 * larger ones on {@link #maxThreads()}.
 *
 * <p>Users override both with system properties: {@value #THREADS_PROPERTY} (default: the available
 * processors) and {@value #WORK_PROPERTY} (default {@value #DEFAULT_PARALLEL_WORK} multiply-adds, m·k·n).
 */
final class Nd4jThreads {
    static final String THREADS_PROPERTY = "vecnn.nd4j.threads";
    static final String WORK_PROPERTY = "vecnn.nd4j.parallelWork";
    static final long DEFAULT_PARALLEL_WORK = 192L * 192 * 192;

    private final int maxThreads;
    private final long parallelWork;
    /** The count last given to OpenBLAS, to skip the native call when it does not change; 0 before the first. */
    private int current;

    Nd4jThreads(int maxThreads, long parallelWork) {
        if (maxThreads < 1 || parallelWork < 0) {
            throw new IllegalArgumentException("nd4j threads: need maxThreads >= 1 and parallelWork >= 0, got "
                    + maxThreads + " and " + parallelWork);
        }
        this.maxThreads = maxThreads;
        this.parallelWork = parallelWork;
    }

    /** The settings of the system properties, or the defaults. */
    static Nd4jThreads fromSystemProperties() {
        long threads = property(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
        long work = property(WORK_PROPERTY, DEFAULT_PARALLEL_WORK);
        if (threads > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " is too large: " + threads);
        }
        return new Nd4jThreads((int) threads, work);
    }

    /** A whole-number system property, or {@code fallback} when unset; an unparsable value is an error, not ignored. */
    static long property(String name, long fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }

    int maxThreads() {
        return maxThreads;
    }

    long parallelWork() {
        return parallelWork;
    }

    /** The thread count for an {@code m x k} by {@code k x n} product. */
    int forProduct(long m, long k, long n) {
        return m * k * n < parallelWork ? 1 : maxThreads;
    }

    /**
     * Sets OpenBLAS's thread count for the next product. The count is process-wide: a product running
     * concurrently on another Java thread may run with the other count, which changes its speed, never its
     * result (OpenBLAS keeps its thread pool; the count only says how many of them take part). Synchronized
     * so that the remembered count is always the one OpenBLAS has.
     */
    synchronized void applyFor(long m, long k, long n) {
        int threads = forProduct(m, k, n);
        if (current != threads) {
            Nd4j.factory().blas().setMaxThreads(threads);
            current = threads;
        }
    }

    @Override
    public String toString() {
        return "BLAS threads: 1 below " + parallelWork + " multiply-adds, else " + maxThreads
                + " (-D" + THREADS_PROPERTY + ", -D" + WORK_PROPERTY + ")";
    }
}
