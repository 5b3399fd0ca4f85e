package org.vecnn.backend.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads OpenBLAS may use for one product. Threads pay off only on large products: on small ones
 * waking and joining them costs more than the product (see docs/performance.md). Products under {@link #parallelWork()} multiply-adds run on one thread,
 * larger ones on {@link #maxThreads()}.
 *
 * <p>ND4J's own operations (elementwise ops, reductions, broadcasts) run on threads of their own, beside
 * OpenBLAS's pthreads. On a small machine the two fight for the cores (see docs/performance.md). The operations the backend gives ND4J are small (a batch's activations), so ND4J gets
 * {@value #DEFAULT_ND4J_THREADS} thread by default and the cores go to OpenBLAS, with no environment variable
 * needed; {@link #configureNd4j()} applies it.
 *
 * <p>Users override all three with system properties: {@value #THREADS_PROPERTY} (default: the available
 * processors), {@value #WORK_PROPERTY} (default {@value #DEFAULT_PARALLEL_WORK} multiply-adds, m·k·n) and
 * {@value #ND4J_THREADS_PROPERTY} (ND4J's own threads, default {@value #DEFAULT_ND4J_THREADS}).
 */
final class Nd4jThreads {
    static final String THREADS_PROPERTY = "vecnn.nd4j.threads";
    static final String WORK_PROPERTY = "vecnn.nd4j.parallelWork";
    static final long DEFAULT_PARALLEL_WORK = 192L * 192 * 192;
    static final String ND4J_THREADS_PROPERTY = "vecnn.nd4j.opThreads";
    static final int DEFAULT_ND4J_THREADS = 1;

    private final int maxThreads;
    private final long parallelWork;
    private final int nd4jThreads;
    /** The count last given to OpenBLAS, to skip the native call when it does not change; 0 before the first. */
    private int current;

    Nd4jThreads(int maxThreads, long parallelWork) {
        this(maxThreads, parallelWork, DEFAULT_ND4J_THREADS);
    }

    Nd4jThreads(int maxThreads, long parallelWork, int nd4jThreads) {
        if (maxThreads < 1 || parallelWork < 0 || nd4jThreads < 1) {
            throw new IllegalArgumentException("nd4j threads: need maxThreads >= 1, parallelWork >= 0 and ND4J's threads"
                    + " >= 1, got " + maxThreads + ", " + parallelWork + " and " + nd4jThreads);
        }
        this.maxThreads = maxThreads;
        this.parallelWork = parallelWork;
        this.nd4jThreads = nd4jThreads;
    }

    /**
     * The settings of the system properties, or the defaults, with ND4J's own thread count applied (see
     * {@link #configureNd4j()}): the provider builds the backend from it once ND4J's natives are loaded, so the
     * setting is in place before the backend's first operation.
     */
    static Nd4jThreads fromSystemProperties() {
        long threads = property(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
        long work = property(WORK_PROPERTY, DEFAULT_PARALLEL_WORK);
        long nd4j = property(ND4J_THREADS_PROPERTY, DEFAULT_ND4J_THREADS);
        if (threads > Integer.MAX_VALUE || nd4j > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " or " + ND4J_THREADS_PROPERTY + " is too large: "
                    + threads + ", " + nd4j);
        }
        Nd4jThreads settings = new Nd4jThreads((int) threads, work, (int) nd4j);
        settings.configureNd4j();
        return settings;
    }

    /** Gives ND4J's own operations {@link #nd4jThreads()} threads (process-wide, as ND4J's setting is). */
    void configureNd4j() {
        // ND4J 1.0.0-M2.1 sizes its parallel loops by maxMasterThreads; its setMaxThreads is a no-op (only
        // OMP_NUM_THREADS, read once at start-up, lowers maxThreads).
        Nd4j.getEnvironment().setMaxMasterThreads(nd4jThreads);
    }

    int nd4jThreads() {
        return nd4jThreads;
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
                + " (-D" + THREADS_PROPERTY + ", -D" + WORK_PROPERTY + "), ND4J's own threads: " + nd4jThreads
                + " (-D" + ND4J_THREADS_PROPERTY + ")";
    }
}
