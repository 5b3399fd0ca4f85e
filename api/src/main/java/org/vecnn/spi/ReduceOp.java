package org.vecnn.spi;

/** A reduction along one axis, as {@link Kernels#reduce} receives it. */
public enum ReduceOp {
    /** The sum; {@code +0.0} over an empty axis (vecnn answers that case itself). */
    SUM,
    /** The maximum; NaN wins, as in NumPy. Never asked for over an empty axis. */
    MAX;

    /** NumPy's name of the operation. */
    public String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
