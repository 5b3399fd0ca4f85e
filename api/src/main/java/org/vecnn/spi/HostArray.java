package org.vecnn.spi;

import org.vecnn.DType;

/**
 * Elements on the Java heap, in row-major order: how data enters and leaves a {@link Storage}. Exactly one
 * Java array type per {@link DType}, so a storage needs one pair of transfer methods, not one per dtype.
 */
public sealed interface HostArray permits HostArray.Floats, HostArray.Doubles {

    /** FLOAT32 elements. */
    record Floats(float[] data) implements HostArray {
        @Override
        public HostArray range(int from, int length) {
            return new Floats(java.util.Arrays.copyOfRange(data, from, from + length));
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public int length() {
            return data.length;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double value) {
            data[i] = (float) value;
        }
    }

    /** FLOAT64 elements. */
    record Doubles(double[] data) implements HostArray {
        @Override
        public HostArray range(int from, int length) {
            return new Doubles(java.util.Arrays.copyOfRange(data, from, from + length));
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public int length() {
            return data.length;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double value) {
            data[i] = value;
        }
    }

    /** A zero-filled array of {@code length} elements of {@code dtype}. */
    static HostArray zeros(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> new Floats(new float[length]);
            case FLOAT64 -> new Doubles(new double[length]);
        };
    }

    /** The element type. */
    DType dtype();

    /** The number of elements. */
    int length();

    /** Element {@code i}, widened exactly to double. */
    double get(int i);

    /** Sets element {@code i} to {@code value} rounded once to the dtype. */
    void set(int i, double value);

    /** A copy of elements {@code [from, from + length)}. */
    HostArray range(int from, int length);
}
