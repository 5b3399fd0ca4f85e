package org.vecnn.bench;

import java.util.SplittableRandom;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.Backend;

/** Deterministic benchmark operands. */
public final class Matrices {
    private Matrices() {
    }

    /** {@code rows x cols} values uniform in [-1, 1) from {@code seed}. */
    public static double[] random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }

    /** The values rounded to float. */
    public static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** A tensor of {@code dtype} on {@code backend} holding {@code values}. */
    public static Tensor tensor(Backend backend, DType dtype, double[] values, int... dims) {
        return dtype == DType.FLOAT32
                ? backend.fromArray(toFloats(values), Shape.of(dims))
                : backend.fromArray(values, Shape.of(dims));
    }
}
