package org.vecnn;

/**
 * The element type of a {@link Tensor}. Arithmetic follows IEEE 754 in the named precision,
 * as the JVM does it: NaN and infinities propagate, {@code -0.0} is kept, subnormals are not flushed.
 */
public enum DType {
    /** IEEE 754 binary32, Java {@code float}. */
    FLOAT32(Float.BYTES),
    /** IEEE 754 binary64, Java {@code double}. */
    FLOAT64(Double.BYTES);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** The size of one element in bytes. */
    public int byteSize() {
        return byteSize;
    }

    /** NumPy's name for this type: {@code float32} or {@code float64}. */
    public String numpyName() {
        return this == FLOAT32 ? "float32" : "float64";
    }
}
