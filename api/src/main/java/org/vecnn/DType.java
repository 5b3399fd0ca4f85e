package org.vecnn;

/**
 * The element type of a {@link Tensor}. Arithmetic follows IEEE 754 in the named precision,
 * as the JVM does it: NaN and infinities propagate, {@code -0.0} is kept, subnormals are not flushed.
 */
public enum DType {
    /** IEEE 754 binary32, Java {@code float}. */
    FLOAT32(Float.BYTES, 1),
    /** IEEE 754 binary64, Java {@code double}. */
    FLOAT64(Double.BYTES, 2);

    private final int byteSize;
    private final int code;

    DType(int byteSize, int code) {
        this.byteSize = byteSize;
        this.code = code;
    }

    /**
     * A stable number for files and device tables, never the enum's ordinal: reordering or adding constants
     * cannot change what a saved file means.
     */
    public int code() {
        return code;
    }

    /**
     * The dtype with {@link #code()} {@code code}.
     *
     * @throws TensorArgumentException for an unknown code
     */
    public static DType fromCode(int code) {
        for (DType d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        throw new TensorArgumentException("dtype: unknown code " + code + " (known: 1 = float32, 2 = float64)");
    }

    /**
     * The dtype NumPy calls {@code name} ({@code float32}, {@code float64}), or whose constant is
     * {@code name}, in any case.
     *
     * @throws TensorArgumentException for another name
     */
    public static DType parse(String name) {
        if (name != null) {
            for (DType d : values()) {
                if (d.numpyName().equalsIgnoreCase(name.trim()) || d.name().equalsIgnoreCase(name.trim())) {
                    return d;
                }
            }
        }
        throw new TensorArgumentException("dtype: unknown dtype '" + name + "' (use float32 or float64)");
    }

    /** The size of one element in bytes. */
    public int byteSize() {
        return byteSize;
    }

    /** NumPy's name for this type: {@code float32} or {@code float64}. */
    public String numpyName() {
        return switch (this) {
            case FLOAT32 -> "float32";
            case FLOAT64 -> "float64";
        };
    }
}
