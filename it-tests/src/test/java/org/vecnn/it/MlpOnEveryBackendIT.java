package org.vecnn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Fit;
import org.vecnn.digits.GeneratedDigits;
import org.vecnn.tck.Environment;
import org.vecnn.nn.GradientCheck;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.TrainingReport;
import org.vecnn.Backend;

/**
 * The MLP on every available backend: backpropagation agrees with finite differences (FLOAT64, every activation
 * and every loss), and a short training run on generated digits starts from the same weights as on loops,
 * reaches the stated accuracy and ends at the same loss as on loops within the stated tolerance. A dtype a
 * backend does not run shows up as skipped, with the reason.
 *
 * <p>Tolerances, relative to the loops loss after 228 steps: 1e-9 in FLOAT64 and 1e-3 in FLOAT32. A different
 * (correct) summation order changes each product by a few units in the last place; training amplifies that only
 * mildly over so few steps: on loops itself the FLOAT32 and FLOAT64 final losses (0.1257097 against 0.1257097,
 * measured) differ by 3e-7 relative, far inside 1e-3, while a wrong kernel moves the loss by whole percents.
 * Held-out accuracy must reach {@value #MIN_ACCURACY} (measured on loops: 0.873).
 */
class MlpOnEveryBackendIT {
    static final double GRADIENT_TOLERANCE = 1e-5;
    static final double MIN_ACCURACY = 0.80;
    private static final Map<DType, double[]> REFERENCE = new EnumMap<>(DType.class);
    private static Dataset.Split digits;

    /** The digits, drawn once; the test is skipped (or fails under -Dvecnn.requireAll=true) without fonts. */
    private static synchronized Dataset.Split digits() {
        Environment.require(GeneratedDigits.unavailableReason());
        if (digits == null) {
            digits = digits(1500, 21).split(0.8, 22);
        }
        return digits;
    }

    @TestFactory
    List<DynamicTest> mlpOnEveryBackend() {
        List<Backend> backends = Backends.report().stream().filter(BackendStatus::available)
                .map(s -> Backends.get(s.name())).collect(Collectors.toList());
        assertThat(backends).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend backend : backends) {
            tests.add(DynamicTest.dynamicTest(backend.name() + ": gradient check (float64)", () -> gradientCheck(backend)));
            for (DType dtype : DType.values()) {
                tests.add(DynamicTest.dynamicTest(backend.name() + ": training (" + dtype.numpyName() + ")",
                        () -> training(backend, dtype)));
            }
        }
        return tests;
    }

    private static void gradientCheck(Backend backend) {
        assumeTrue(backend.capabilities().supports(DType.FLOAT64), backend.name() + " does not run float64");
        SplittableRandom random = new SplittableRandom(5);
        int n = 6;
        float[] x = uniform(random, n * 5, -1, 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(3);
        }
        float[] bits = new float[n * 3];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextInt(2);
        }
        float[] real = uniform(random, n * 3, 0, 1);
        Dataset classes = Dataset.classification(x, 5, labels, 3);
        Dataset binary = Dataset.regression(x, 5, bits, 3);
        Dataset regression = Dataset.regression(x, 5, real, 3);
        // Every hidden activation and every output activation with its loss, each at least once.
        Object[][] cases = {
            {Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, classes},
            {Activation.TANH, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, binary},
            {Activation.SIGMOID, Activation.IDENTITY, Loss.MSE, regression},
            {Activation.leakyRelu(0.1), Activation.TANH, Loss.MSE, regression},
            {Activation.IDENTITY, Activation.RELU, Loss.MSE, regression},
            {Activation.TANH, Activation.leakyRelu(0.1), Loss.MSE, regression},
            {Activation.RELU, Activation.SIGMOID, Loss.MSE, regression},
        };
        for (Object[] c : cases) {
            Mlp net = Mlp.builder().input(5).dense(7, (Activation) c[0]).dense(4, (Activation) c[0])
                    .dense(3, (Activation) c[1]).loss((Loss) c[2]).optimizer(Optimizer.sgd(0.1))
                    .dtype(DType.FLOAT64).seed(3).build(backend);
            GradientCheck.Result result = GradientCheck.check(net, (Dataset) c[3], 12, 1);
            assertThat(result.maxRelativeError()).as("%s: %s hidden, %s output, %s: %s", backend.name(), c[0], c[1],
                    c[2], result).isLessThan(GRADIENT_TOLERANCE);
        }
    }

    private static void training(Backend backend, DType dtype) {
        assumeTrue(backend.capabilities().supports(dtype), backend.name() + " does not run " + dtype.numpyName());
        Mlp net = network(backend, dtype);
        Mlp onLoops = network(Backends.get("loops"), dtype);
        assertThat(net.weights(0)).as("initial weights on %s", backend.name()).containsExactly(onLoops.weights(0));
        assertThat(net.weights(1)).containsExactly(onLoops.weights(1));
        TrainingReport report = fit(net);
        double[] reference = reference(dtype);
        double tolerance = dtype == DType.FLOAT64 ? 1e-9 : 1e-3;
        assertThat(report.finalLoss()).as("%s %s final loss against loops %s", backend.name(), dtype, reference[0])
                .isCloseTo(reference[0], org.assertj.core.data.Offset.offset(tolerance * reference[0]));
        assertThat(report.last().validationAccuracy()).as("%s %s held-out accuracy", backend.name(), dtype)
                .isGreaterThanOrEqualTo(MIN_ACCURACY);
        System.out.printf("MlpOnEveryBackendIT: %s %s: final loss %.9f (loops %.9f), held-out accuracy %.3f, %.0f samples/s%n",
                backend.name(), dtype.numpyName(), report.finalLoss(), reference[0],
                report.last().validationAccuracy(), report.samplesPerSecond());
    }

    private static synchronized double[] reference(DType dtype) {
        return REFERENCE.computeIfAbsent(dtype, d -> new double[] {fit(network(Backends.get("loops"), d)).finalLoss()});
    }

    private static Mlp network(Backend backend, DType dtype) {
        return Mlp.builder().input(784).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.momentum(0.05, 0.9)).seed(42).dtype(dtype).build(backend);
    }

    private static TrainingReport fit(Mlp net) {
        return net.fit(digits().train(), Fit.epochs(6).batchSize(32).shuffle(7).validation(digits().test()));
    }

    private static float[] uniform(SplittableRandom random, int n, double low, double high) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return values;
    }

    /** Generated digits as a classification dataset. */
    private static Dataset digits(int count, long seed) {
        GeneratedDigits.Images images = GeneratedDigits.generate(count, seed);
        return Dataset.classification(images.pixels(), GeneratedDigits.PIXELS, images.labels(), GeneratedDigits.CLASSES);
    }
}
