package org.vecnn.nn;

import java.util.SplittableRandom;

/**
 * How a dense layer's weights start. Values are drawn on the host in double precision from a seeded
 * {@link SplittableRandom} and only then handed to the backend (rounded once for FLOAT32), so one seed gives
 * the same initial weights on every backend and, up to that rounding, in every dtype. Biases start at 0.
 */
public enum Initializer {
    /** He et al. (2015): normal with mean 0 and standard deviation {@code sqrt(2 / fanIn)}; for the ReLU family. */
    HE,
    /** Glorot and Bengio (2010): uniform in {@code ±sqrt(6 / (fanIn + fanOut))}; for sigmoid, tanh, softmax, identity. */
    XAVIER;

    /** {@code fanIn * fanOut} weights, row-major (fanIn, fanOut). */
    double[] sample(SplittableRandom random, int fanIn, int fanOut) {
        double[] w = new double[Math.multiplyExact(fanIn, fanOut)];
        if (this == HE) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < w.length; i++) {
                w[i] = std * gaussian(random);
            }
        } else {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < w.length; i++) {
                w[i] = limit * (2 * random.nextDouble() - 1);
            }
        }
        return w;
    }

    /** Box-Muller, written out so that the values cannot change with the JDK's own Gaussian algorithm. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();   // (0, 1]: log(u) is finite
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
