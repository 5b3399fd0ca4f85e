package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.Backend;

class TrainingTest {
    private final Backend loops = Backends.get("loops");

    /**
     * The stated accuracy: a 784-64-10 ReLU/softmax network trained with Adam for 5 epochs on 2,400 generated
     * digits classifies at least 85% of 600 held-out digits correctly (measured: 89%).
     */
    @Test
    void learnsGeneratedDigits() {
        Dataset.Split split = Digits.generate(3000, 1).split(0.8, 2);
        Mlp net = Mlp.builder().input(784).dense(64, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.adam(0.002)).seed(42).build(loops);
        List<String> events = new ArrayList<>();
        TrainingReport report = net.fit(split.train(), Fit.epochs(5).batchSize(32).shuffle(3)
                .validation(split.test()).listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        if (batch == batches) {
                            events.add("batch " + epoch + ":" + batch);
                        }
                    }

                    @Override
                    public void onEpoch(EpochResult result) {
                        events.add("epoch " + result.epoch());
                    }
                }));
        assertThat(events).containsExactly("batch 1:75", "epoch 1", "batch 2:75", "epoch 2", "batch 3:75", "epoch 3",
                "batch 4:75", "epoch 4", "batch 5:75", "epoch 5");
        assertThat(report.epochs()).hasSize(5);
        assertThat(report.last().validationAccuracy()).isGreaterThanOrEqualTo(0.85);
        assertThat(report.finalLoss()).isLessThan(report.epochs().get(0).trainLoss() / 3);
        assertThat(report.samples()).isEqualTo(5 * 2400);
        assertThat(report.samplesPerSecond()).isPositive();
        Evaluation test = net.evaluate(split.test());
        assertThat(test.accuracy()).isEqualTo(report.last().validationAccuracy());
        assertThat(test.samples()).isEqualTo(600);

        Tensor features = split.test().features(loops, DType.FLOAT32);
        int[] predicted = net.predictClasses(features);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == split.test().label(i) ? 1 : 0;
        }
        assertThat((double) correct / predicted.length).isEqualTo(test.accuracy());
        float[] probabilities = net.predict(features).toFloatArray();
        for (int i = 0; i < 600; i++) {
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                sum += probabilities[i * 10 + c];
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void learnsABinaryProblemWithSigmoidAndBinaryCrossEntropy() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 400;
        float[] x = GradientCheckTest.uniform(random, n * 2, -1, 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;     // XOR of the signs: not linearly separable
        }
        Dataset data = Dataset.binary(x, 2, labels);
        Mlp net = Mlp.builder().input(2).dense(16, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).optimizer(Optimizer.momentum(0.2, 0.9)).seed(1).build(loops);
        net.fit(data, Fit.epochs(150).batchSize(40).shuffle(2));
        assertThat(net.evaluate(data).accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void learnsARegressionWithMse() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 200;
        float[] x = GradientCheckTest.uniform(random, n * 3, -1, 1);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = 0.5f * x[3 * i] - 2f * x[3 * i + 1] + x[3 * i + 2] + 0.25f;
        }
        Dataset data = Dataset.regression(x, 3, y, 1);
        Mlp net = Mlp.builder().input(3).dense(1, Activation.IDENTITY).loss(Loss.MSE).optimizer(Optimizer.sgd(0.1))
                .dtype(DType.FLOAT64).build(loops);
        double before = net.evaluate(data).loss();
        TrainingReport report = net.fit(data, Fit.epochs(100).batchSize(20));
        assertThat(Double.isNaN(report.last().trainAccuracy())).isTrue();
        assertThat(net.evaluate(data).loss()).isLessThan(1e-8 * before);
        assertThat(net.weights(0)).containsExactly(new double[] {0.5, -2, 1}, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void trainingIsReproducible() {
        Dataset data = Digits.generate(200, 5);
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            Mlp net = Mlp.builder().input(784).dense(16, Activation.LEAKY_RELU).dense(10, Activation.SOFTMAX)
                    .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).seed(8).build(loops);
            losses[run] = net.fit(data, Fit.epochs(2).batchSize(30).shuffle(4)).finalLoss();
        }
        assertThat(losses[0]).isEqualTo(losses[1]);
    }
}
