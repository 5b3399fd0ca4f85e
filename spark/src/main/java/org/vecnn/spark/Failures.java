package org.vecnn.spark;

/**
 * Gives the driver's caller the exception an executor threw (a bad row, a missing backend) rather than
 * Spark's job-abort wrapper around it; the wrapper stays attached as the cause.
 */
final class Failures {
    private Failures() {
    }

    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkInputException) {
                return t == e ? (RuntimeException) t : new SparkInputException(t.getMessage(), e);
            }
            if (t instanceof ExecutorBackendException) {
                return t == e ? (RuntimeException) t : new ExecutorBackendException(t.getMessage(), e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e instanceof RuntimeException ? (RuntimeException) e
                : new IllegalStateException("vecnn-spark: training failed: " + e.getMessage(), e);
    }
}
