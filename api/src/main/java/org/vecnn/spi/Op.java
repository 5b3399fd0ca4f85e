package org.vecnn.spi;

/**
 * The operations of the {@link Backend} SPI, as named in {@link Capabilities#accelerated()}. The first four
 * are the core every backend implements; the others have reference implementations a backend may override.
 */
public enum Op {
    MATMUL, DOT, ADD, MULTIPLY,
    SUBTRACT, DIVIDE, SCALE, AXPY, MAP, SUM, MAX, ARGMAX, TRANSPOSE, MATMUL_TRANSPOSE_A, MATMUL_TRANSPOSE_B,
    COPY, FILL;

    /** Whether every backend must implement this operation itself. */
    public boolean isCore() {
        return ordinal() <= MULTIPLY.ordinal();
    }
}
