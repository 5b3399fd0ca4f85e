package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Backend;

/**
 * The public loss-and-gradients API: {@link Mlp#gradients} agrees with finite differences and leaves the model
 * alone, {@link Mlp#applyGradients} is exactly {@code fit}'s step (optimizer state included), gradients of parts
 * combine into the gradient of the whole, and parameters round-trip through {@link Mlp#parameterValues()}.
 */
class GradientsTest {
    private final Backend loops = Backends.get("loops");

    private Mlp network(Optimizer optimizer, DType dtype) {
        return Mlp.builder().input(5).dense(7, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(optimizer).seed(11).dtype(dtype).build(loops);
    }

    private static Dataset data(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 5];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(3);
        }
        return Dataset.classification(x, 5, labels, 3);
    }

    @Test
    void gradientsAgreeWithFiniteDifferencesAndLeaveTheModelAlone() {
        Mlp net = network(Optimizer.sgd(0.1), DType.FLOAT64);
        Dataset batch = data(9, 1);
        double[] before = net.parameterValues();
        Gradients g = net.gradients(batch);
        assertThat(net.parameterValues()).isEqualTo(before);
        assertThat(g.size()).isEqualTo(net.parameterCount()).isEqualTo(6 * 7 + 8 * 3);
        assertThat(g.examples()).isEqualTo(9);
        assertThat(g.loss()).isEqualTo(net.evaluate(batch).loss(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(g.correct()).isBetween(0L, 9L);
        List<double[]> analytic = new ArrayList<>();
        for (int layer = 0; layer < g.layerCount(); layer++) {
            analytic.add(g.weights(layer));
            analytic.add(g.biases(layer));
        }
        assertThat(analytic.get(0)).hasSize(5 * 7);
        assertThat(analytic.get(3)).hasSize(3);
        Workspace ws = net.workspace(batch.size());
        ws.batch.load(batch, IntStream.range(0, batch.size()).toArray(), 0);
        GradientCheck.Result result = GradientCheck.compare(net, ws, analytic, 100, 3);
        assertThat(result.maxRelativeError()).as(result.toString()).isLessThan(GradientCheckTest.TOLERANCE);
    }

    @Test
    void applyGradientsIsFitsStepWithItsOptimizerState() {
        for (Optimizer optimizer : List.of(Optimizer.sgd(0.1), Optimizer.momentum(0.05, 0.9),
                Optimizer.adam(0.01).withWeightDecay(1e-3))) {
            for (DType dtype : DType.values()) {
                Mlp fitted = network(optimizer, dtype);
                Mlp stepped = network(optimizer, dtype);
                Dataset data = data(12, 2);
                fitted.fit(data, Fit.epochs(3).batchSize(4));
                for (int epoch = 0; epoch < 3; epoch++) {
                    for (int first = 0; first < 12; first += 4) {
                        stepped.applyGradients(stepped.gradients(data.slice(first, first + 4)));
                    }
                }
                assertThat(stepped.parameterValues()).as(optimizer + " " + dtype).isEqualTo(fitted.parameterValues());
            }
        }
    }

    @Test
    void gradientsOfPartsCombineIntoTheGradientOfTheWhole() {
        Mlp net = network(Optimizer.sgd(0.1), DType.FLOAT64);
        Dataset whole = data(10, 3);
        Gradients all = net.gradients(whole);
        Gradients first = net.gradients(whole.slice(0, 3));
        Gradients rest = net.gradients(whole.slice(3, 10));
        double[] sum = new double[net.parameterCount()];
        first.addTo(sum, first.examples());
        rest.addTo(sum, rest.examples());
        double[] expected = all.values();
        for (int i = 0; i < sum.length; i++) {
            assertThat(sum[i] / 10).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-15));
        }
        assertThat((first.loss() * 3 + rest.loss() * 7) / 10).isCloseTo(all.loss(),
                org.assertj.core.data.Offset.offset(1e-14));
        assertThat(first.correct() + rest.correct()).isEqualTo(all.correct());
        Gradients rebuilt = Gradients.of(net, all.loss(), 10, all.correct(), expected);
        Mlp a = network(Optimizer.sgd(0.1), DType.FLOAT64);
        a.applyGradients(rebuilt);
        net.applyGradients(all);
        assertThat(a.parameterValues()).isEqualTo(net.parameterValues());
    }

    @Test
    void parametersRoundTripAndBadValuesAreRefused() {
        Mlp source = network(Optimizer.sgd(0.1), DType.FLOAT32);
        source.fit(data(8, 4), Fit.epochs(2).batchSize(4));
        Mlp copy = network(Optimizer.sgd(0.1), DType.FLOAT32);
        copy.setParameterValues(source.parameterValues());
        assertThat(copy.parameterValues()).isEqualTo(source.parameterValues());
        assertThat(copy.weights(1)).isEqualTo(source.weights(1));
        double[] values = source.parameterValues();
        assertThat(values).startsWith(source.weights(0)).endsWith(source.biases(1));

        assertThatThrownBy(() -> copy.setParameterValues(new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setParameterValues: 3 values").hasMessageContaining("66 parameters");
        values[17] = Double.NaN;
        assertThatThrownBy(() -> copy.setParameterValues(values)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 17 of 66 is NaN");
        assertThat(copy.parameterValues()).isEqualTo(source.parameterValues());
        assertThatThrownBy(() -> Gradients.of(copy, 0, 4, -1, new double[65]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65 values");
        Mlp other = Mlp.builder().input(5).dense(3, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(0.1)).build(loops);
        Gradients foreign = other.gradients(data(4, 5));
        assertThatThrownBy(() -> copy.applyGradients(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applyGradients");
        assertThatThrownBy(() -> copy.gradients(Dataset.classification(new float[4], 2, new int[2], 3)))
                .isInstanceOf(InvalidNetworkException.class).hasMessageContaining("gradients:");
    }

    @Test
    void trainingReportsRecordEpochs() {
        TrainingReports reports = new TrainingReports();
        assertThatThrownBy(reports::build).isInstanceOf(IllegalStateException.class);
        EpochResult first = reports.epoch(0.5, 0.8, Double.NaN, Double.NaN, 2.0, 100);
        reports.epoch(0.25, 0.9, 0.3, 0.85, 2.0, 100);
        assertThat(first.epoch()).isEqualTo(1);
        TrainingReport report = reports.build();
        assertThat(report.epochs()).hasSize(2);
        assertThat(report.finalLoss()).isEqualTo(0.25);
        assertThat(report.samplesPerSecond()).isEqualTo(50.0);
        assertThatThrownBy(() -> reports.epoch(1, 1, 1, 1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
