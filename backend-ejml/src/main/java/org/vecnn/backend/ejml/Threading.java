package org.vecnn.backend.ejml;

/**
 * When a product is large enough for EJML's multi-threaded kernels ({@code CommonOps_MT_*}) to pay off:
 * from {@value #DEFAULT_THRESHOLD} multiply-adds ({@code m·k·n}) by default, measured on a 2-core machine
 * (see the module's benchmark), or from the value of the system property {@value #PROPERTY}
 * ({@code 0} always threads, a huge value never does).
 */
final class Threading {
    /** The system property that overrides the threshold. */
    static final String PROPERTY = "vecnn.ejml.parallelThreshold";
    /** The default threshold in multiply-adds. */
    static final long DEFAULT_THRESHOLD = 128L * 128 * 128;

    private final long threshold;

    Threading(long threshold) {
        this.threshold = threshold;
    }

    static Threading fromSystemProperties() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return new Threading(DEFAULT_THRESHOLD);
        }
        try {
            return new Threading(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a number of multiply-adds, got '" + value + "'", e);
        }
    }

    boolean parallel(long m, long k, long n) {
        return Runtime.getRuntime().availableProcessors() > 1 && m * k * n >= threshold;
    }

    long threshold() {
        return threshold;
    }
}
