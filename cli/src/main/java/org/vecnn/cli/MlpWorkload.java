package org.vecnn.cli;

import java.util.SplittableRandom;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Initializer;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.Backend;

/**
 * The workload of the NumPy baseline {@code numpy_mlp.py}, through vecnn-nn's public API: 784-256 (ReLU)-10
 * (softmax), cross-entropy averaged over the batch, plain SGD at lr 0.1, batches of 128 in data order, float32,
 * He-normal weights ({@code N(0, 2 / fanIn)}) in both layers and zero biases.
 *
 * <p>The data follow the script's recipe: inputs {@code x ~ N(0, 1)}, labels {@code argmax(x · T)} of a random
 * teacher {@code T ~ N(0, 1)} of shape (784, 10). What differs from the script is only the generator: NumPy draws
 * from PCG64 with its ziggurat, vecnn from {@link SplittableRandom} with Box-Muller (for the data) and
 * vecnn-nn's seeded {@link Initializer#HE} (for the weights). The distributions are the same, the values are not,
 * so losses agree statistically, not digit for digit.
 */
final class MlpWorkload {
    static final int SAMPLES = 60_000;
    static final int INPUTS = 784;
    static final int HIDDEN = 256;
    static final int OUTPUTS = 10;
    static final int BATCH = 128;
    static final double LEARNING_RATE = 0.1;

    private MlpWorkload() {
    }

    /** {@code samples} examples of the script's recipe, drawn from {@code seed}. */
    static Dataset data(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = gaussians(random, Math.multiplyExact(samples, INPUTS));
        float[] teacher = gaussians(random, INPUTS * OUTPUTS);
        int[] labels = new int[samples];
        double[] logits = new double[OUTPUTS];
        for (int i = 0; i < samples; i++) {
            java.util.Arrays.fill(logits, 0);
            for (int k = 0; k < INPUTS; k++) {
                double v = x[i * INPUTS + k];
                for (int j = 0; j < OUTPUTS; j++) {
                    logits[j] += v * teacher[k * OUTPUTS + j];
                }
            }
            int best = 0;
            for (int j = 1; j < OUTPUTS; j++) {
                best = logits[j] > logits[best] ? j : best;
            }
            labels[i] = best;
        }
        return Dataset.classification(x, INPUTS, labels, OUTPUTS);
    }

    /** A fresh network of the script's shape and initialisation on {@code backend}. */
    static Mlp network(Backend backend, long seed) {
        return Mlp.builder().input(INPUTS)
                .dense(HIDDEN, Activation.RELU, Initializer.HE)
                .dense(OUTPUTS, Activation.SOFTMAX, Initializer.HE)   // the script uses He for both layers
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(LEARNING_RATE)).seed(seed).build(backend);
    }

    /** Standard normal values as float32, Box-Muller written out (both values of each pair used). */
    private static float[] gaussians(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i += 2) {
            double radius = Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            values[i] = (float) (radius * Math.cos(angle));
            if (i + 1 < n) {
                values[i + 1] = (float) (radius * Math.sin(angle));
            }
        }
        return values;
    }
}
