package org.vecnn.spi;

/** An elementwise function of two arguments, as {@link Kernels#binary} receives it. */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUBTRACT,
    /** {@code a * b}. */
    MULTIPLY,
    /** {@code a / b}. */
    DIVIDE;

    /** The reference definition: one IEEE operation in double (rounded once to float for FLOAT32). */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
        };
    }

    /** NumPy's name of the operation, as error messages use it. */
    public String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
