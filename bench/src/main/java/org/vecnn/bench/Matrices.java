package org.vecnn.bench;

import java.util.SplittableRandom;

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
}
