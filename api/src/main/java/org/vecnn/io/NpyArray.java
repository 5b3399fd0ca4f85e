package org.vecnn.io;

import org.vecnn.DType;
import org.vecnn.Shape;

/**
 * One array of a {@code .npy} file on the host: its shape and its elements in row-major (C) order, as float32
 * or float64. The array is handed over, not copied: the reader gives away the array it filled and the writer
 * reads the one it is given, so a caller that changes {@code data()} changes this value.
 */
public sealed interface NpyArray permits NpyArray.Float32, NpyArray.Float64 {

    /** The shape, NumPy's {@code a.shape}. */
    Shape shape();

    /** The element type. */
    DType dtype();

    /** The elements widened to double (exactly), row-major; a new array. */
    double[] toDoubleArray();

    /** A float32 array. */
    record Float32(Shape shape, float[] data) implements NpyArray {
        /**
         * @throws IllegalArgumentException if {@code data} does not hold exactly {@code shape.size()} elements
         */
        public Float32 {
            check(shape, data == null ? -1 : data.length);
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public double[] toDoubleArray() {
            double[] wide = new double[data.length];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = data[i];
            }
            return wide;
        }
    }

    /** A float64 array. */
    record Float64(Shape shape, double[] data) implements NpyArray {
        /**
         * @throws IllegalArgumentException if {@code data} does not hold exactly {@code shape.size()} elements
         */
        public Float64 {
            check(shape, data == null ? -1 : data.length);
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public double[] toDoubleArray() {
            return data.clone();
        }
    }

    private static void check(Shape shape, int length) {
        if (shape == null || length != shape.size()) {
            throw new IllegalArgumentException("npy: " + (length < 0 ? "null data" : length + " elements")
                    + " for shape " + shape);
        }
    }
}
