package org.vecnn.nn;

import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * A dataset's features or targets on the host: float, or double for data a float64 model must see unrounded.
 * Immutable once built.
 */
final class Values {
    private final float[] narrow;
    private final double[] wide;

    private Values(float[] narrow, double[] wide) {
        this.narrow = narrow;
        this.wide = wide;
    }

    static Values of(float[] values) {
        return new Values(values, null);
    }

    static Values of(double[] values) {
        return new Values(null, values);
    }

    boolean wide() {
        return wide != null;
    }

    int length() {
        return wide != null ? wide.length : narrow.length;
    }

    double get(int i) {
        return wide != null ? wide[i] : narrow[i];
    }

    /** The values rounded to float (a copy). */
    float[] floats() {
        if (wide == null) {
            return narrow.clone();
        }
        float[] f = new float[wide.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) wide[i];
        }
        return f;
    }

    /** The values as double (a copy). */
    double[] doubles() {
        if (wide != null) {
            return wide.clone();
        }
        double[] d = new double[narrow.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = narrow[i];
        }
        return d;
    }

    /** The rows at {@code indices}, each of {@code columns} values, in that order. */
    Values rows(int[] indices, int columns) {
        if (wide != null) {
            double[] d = new double[Math.multiplyExact(indices.length, columns)];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(wide, indices[i] * columns, d, i * columns, columns);
            }
            return of(d);
        }
        float[] f = new float[Math.multiplyExact(indices.length, columns)];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(narrow, indices[i] * columns, f, i * columns, columns);
        }
        return of(f);
    }

    /** Copies row {@code row} to row {@code at} of {@code to} (rounded to float if wide). */
    void copyRow(int row, int columns, float[] to, int at) {
        if (wide == null) {
            System.arraycopy(narrow, row * columns, to, at * columns, columns);
        } else {
            for (int c = 0; c < columns; c++) {
                to[at * columns + c] = (float) wide[row * columns + c];
            }
        }
    }

    /** Copies row {@code row} to row {@code at} of {@code to}, exactly. */
    void copyRow(int row, int columns, double[] to, int at) {
        if (wide != null) {
            System.arraycopy(wide, row * columns, to, at * columns, columns);
        } else {
            for (int c = 0; c < columns; c++) {
                to[at * columns + c] = narrow[row * columns + c];
            }
        }
    }

    /** Whether these values go into a tensor of {@code dtype} as they are: float values FLOAT32, double FLOAT64. */
    boolean hasPrecision(DType dtype) {
        return dtype == (wide == null ? DType.FLOAT32 : DType.FLOAT64);
    }

    /** Rows {@code [first, first + dst rows)} straight into {@code dst}, of these values' precision. */
    void copyRowsTo(Backend backend, int first, int columns, Tensor dst) {
        if (wide == null) {
            backend.copyFrom(narrow, first * columns, dst);
        } else {
            backend.copyFrom(wide, first * columns, dst);
        }
    }

    /** All values as a (rows, columns) tensor of {@code dtype}, rounded once if need be. */
    Tensor tensor(Backend backend, DType dtype, int rows, int columns) {
        return dtype == DType.FLOAT32 ? backend.fromArray(floats(), rows, columns)
                : backend.fromArray(doubles(), rows, columns);
    }
}
