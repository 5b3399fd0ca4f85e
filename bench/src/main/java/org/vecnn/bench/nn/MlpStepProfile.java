package org.vecnn.bench.nn;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.vecnn.Backend;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.EpochResult;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Initializer;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.spi.BackendProvider;
import org.vecnn.spi.Kernels;

/**
 * Where a training step of the MLP benchmark's workload (784-256-10, batch 128, float32, SGD) goes on one
 * backend: every primitive call timed inside the training loop through {@link TimingKernels}, and per epoch the
 * step's wall time beside the sum of its calls; per primitive the median, the 90th and 99th percentile and the
 * worst call of the last epoch, whose total per step is what the step spends there. Usage:
 * {@code MlpStepProfile [backend] [epochs]} (default vector, 8; the first three warm the JIT up).
 */
public final class MlpStepProfile {
    private static final int SAMPLES = 60_000;
    private static final int BATCH = 128;

    private MlpStepProfile() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "vector";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Kernels kernels = null;
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.name().equals(name) && provider.probe().isAvailable()) {
                kernels = provider.create();
            }
        }
        if (kernels == null) {
            System.err.println("MlpStepProfile: no available backend named " + name);
            System.exit(2);
        }
        TimingKernels timing = new TimingKernels(kernels);
        Backend backend = Backend.of(name + " (timed)", timing);
        Dataset data = data(new SplittableRandom(1));
        Mlp net = Mlp.builder().input(784).dense(256, Activation.RELU, Initializer.HE)
                .dense(10, Activation.SOFTMAX, Initializer.HE).loss(Loss.CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(0.1)).seed(1).build(backend);
        int steps = (SAMPLES + BATCH - 1) / BATCH;
        System.out.println("backend " + name + ": " + kernels.device());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            timing.clear();
            timing.recording = true;
            EpochResult result = net.fit(data, Fit.epochs(1).batchSize(BATCH)).epochs().get(0);
            timing.recording = false;
            long inCalls = 0;
            for (long[] calls : timing.sorted().values()) {
                for (long d : calls) {
                    inCalls += d;
                }
            }
            System.out.printf("epoch %d: %,.0f samples/s, %.1f µs a step, %.1f µs of it in primitive calls%n", epoch,
                    result.samplesPerSecond(), result.seconds() * 1e6 / steps, inCalls / 1e3 / steps);
        }
        System.out.printf("%nlast epoch, per primitive: µs per step (calls per step), and per call: median, p90, p99, max%n");
        for (Map.Entry<String, long[]> e : timing.sorted().entrySet()) {
            long[] d = e.getValue();
            long total = 0;
            for (long v : d) {
                total += v;
            }
            System.out.printf("  %-42s %8.1f (%4.1f)   %8.1f %8.1f %8.1f %8.1f%n", e.getKey(), total / 1e3 / steps,
                    (double) d.length / steps, d[d.length / 2] / 1e3, d[d.length * 9 / 10] / 1e3,
                    d[d.length * 99 / 100] / 1e3, d[d.length - 1] / 1e3);
        }
    }

    /** Gaussian features and random labels: the timings do not depend on the values. */
    private static Dataset data(SplittableRandom random) {
        float[] x = new float[SAMPLES * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        int[] labels = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = random.nextInt(10);
        }
        return Dataset.classification(x, 784, labels, 10);
    }
}
