package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Backend;

/**
 * Backpropagation agrees with central finite differences, in FLOAT64 on the loops backend, for every hidden
 * activation combined with every valid output activation and loss. Observed errors are below 2e-7; the bound is
 * 1e-5 (a wrong gradient gives errors of order 1e-1 and more).
 */
class GradientCheckTest {
    static final double TOLERANCE = 1e-5;
    private static final Activation[] HIDDEN = {Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.1),
        Activation.SIGMOID, Activation.TANH};

    @TestFactory
    List<DynamicTest> everyActivationAndLossPair() {
        Backend loops = Backends.get("loops");
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation hidden : HIDDEN) {
            for (OutputCase output : OutputCase.all()) {
                tests.add(DynamicTest.dynamicTest(hidden + " hidden, " + output, () -> {
                    GradientCheck.Result result = GradientCheck.check(output.network(hidden, loops), output.data, 200, 1);
                    assertThat(result.checked()).isEqualTo(7 * 5 + 7 + 4 * 7 + 4 + 3 * 4 + 3);
                    assertThat(result.maxRelativeError()).as(result.toString()).isLessThan(TOLERANCE);
                }));
            }
        }
        return tests;
    }

    @Test
    void catchesAWrongGradient() {
        Backend loops = Backends.get("loops");
        OutputCase mse = OutputCase.all().get(2);
        Mlp model = mse.network(Activation.TANH, loops);
        Workspace ws = model.workspace(mse.data.size());
        ws.batch.load(mse.data, java.util.stream.IntStream.range(0, mse.data.size()).toArray(), 0);
        model.computeGradients(ws);
        List<double[]> analytic = new ArrayList<>();
        for (org.vecnn.Tensor gradient : model.gradients()) {
            analytic.add(loops.toDoubleArray(gradient));
        }
        assertThat(GradientCheck.compare(model, ws, analytic, 50, 1).maxRelativeError()).isLessThan(TOLERANCE);
        double[] wrong = analytic.get(2);
        wrong[3] = wrong[3] * 1.01 + 1e-3;
        assertThat(GradientCheck.compare(model, ws, analytic, 50, 1).maxRelativeError()).isGreaterThan(1e-3);
    }

    @Test
    void refusesFloat32() {
        Mlp model = Mlp.builder().input(2).dense(2, Activation.IDENTITY).loss(Loss.MSE).optimizer(Optimizer.sgd(0.1))
                .build(Backends.get("loops"));
        Dataset data = Dataset.regression(new float[] {1, 2}, 2, new float[] {1, 2}, 2);
        assertThatThrownBy(() -> GradientCheck.check(model, data, 10, 1)).hasMessageContaining("FLOAT64");
    }

    /** An output activation, its loss and matching targets for 6 examples of 5 features and 3 outputs. */
    static final class OutputCase {
        final Activation activation;
        final Loss loss;
        final Dataset data;

        OutputCase(Activation activation, Loss loss, Dataset data) {
            this.activation = activation;
            this.loss = loss;
            this.data = data;
        }

        static List<OutputCase> all() {
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
            List<OutputCase> cases = new ArrayList<>();
            cases.add(new OutputCase(Activation.SOFTMAX, Loss.CROSS_ENTROPY, Dataset.classification(x, 5, labels, 3)));
            cases.add(new OutputCase(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, Dataset.regression(x, 5, bits, 3)));
            for (Activation output : HIDDEN) {
                cases.add(new OutputCase(output, Loss.MSE, Dataset.regression(x, 5, real, 3)));
            }
            return cases;
        }

        Mlp network(Activation hidden, Backend backend) {
            return Mlp.builder().input(5).dense(7, hidden).dense(4, hidden).dense(3, activation).loss(loss)
                    .optimizer(Optimizer.sgd(0.1)).dtype(DType.FLOAT64).seed(3).build(backend);
        }

        @Override
        public String toString() {
            return activation + " output, " + loss;
        }
    }

    static float[] uniform(SplittableRandom random, int n, double low, double high) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return values;
    }
}
