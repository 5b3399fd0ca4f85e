package org.vecnn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.TrainingReport;

/**
 * Synchronous data-parallel SGD follows single-machine {@code fit} step by step: same seed, same Fit (batch size,
 * shuffle seed), same global batches, the driver applying the network's own optimizer (momentum here, so its
 * state on the driver matters too).
 *
 * <p>Tolerances (relative, on each step's loss; parameters get ten times as much). The only difference is the
 * order of summation: each partition sums its rows' gradient contributions, the driver adds the partitions' sums
 * in double. In FLOAT64 that moves results by a few ulps per step: observed at most 8e-16 on losses and 2e-14 on
 * parameters over 10 steps; the bound is 1e-12. In FLOAT32 the partitions' gradients are float sums of fewer rows
 * (each rounding 6e-8 relative) and the loss is itself a float32 sum: observed 1.7e-7 on losses and 2.3e-6 on
 * parameters; the bound is 1e-5. Both are orders of magnitude below what a wrong, missing or doubled partition
 * does: a third of a global batch changes its gradient, and the next loss, by tens of percent.
 */
class SynchronousTrainingTest {
    static final double FLOAT64_TOLERANCE = 1e-12;
    static final double FLOAT32_TOLERANCE = 1e-5;

    static Mlp network(DType dtype, Optimizer optimizer) {
        return Mlp.builder().input(6).dense(16, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(optimizer).seed(21).dtype(dtype).build(Backends.get("loops"));
    }

    static void assertClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("entry %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(relative * Math.max(1e-3, Math.abs(expected[i])));
        }
    }

    private void followsFit(DType dtype, double tolerance, int partitions, int examples, int batchSize) {
        Dataset data = LocalSpark.blobs(examples, 6, 3, 1);
        Dataset validation = LocalSpark.blobs(50, 6, 3, 1); // evaluated on the driver after each epoch
        int batches = (examples + batchSize - 1) / batchSize;
        Optimizer optimizer = Optimizer.momentum(0.05, 0.9);
        Mlp single = network(dtype, optimizer);
        Recorder singleSteps = new Recorder();
        TrainingReport expected = single.fit(data, Fit.epochs(2).batchSize(batchSize).shuffle(5).validation(validation).listener(singleSteps));

        Mlp distributed = network(dtype, optimizer);
        Recorder steps = new Recorder();
        SparkTrainingReport report = SparkTrainer.synchronous().fit(distributed, LocalSpark.frame(data, partitions),
                "features", "label", Fit.epochs(2).batchSize(batchSize).shuffle(5).validation(validation).listener(steps));

        assertThat(steps.batches).isEqualTo(singleSteps.batches).hasSize(2 * batches)
                .startsWith("1:1/" + batches).endsWith("2:" + batches + "/" + batches);
        assertClose(steps.lossArray(), singleSteps.lossArray(), tolerance);
        assertClose(report.stepLosses(), singleSteps.lossArray(), tolerance);
        assertClose(distributed.parameterValues(), single.parameterValues(), tolerance * 10);
        assertThat(report.training().epochs()).hasSize(2);
        for (int e = 0; e < 2; e++) {
            assertThat(report.training().epochs().get(e).trainLoss())
                    .isCloseTo(expected.epochs().get(e).trainLoss(), org.assertj.core.data.Offset.offset(tolerance));
            assertThat(report.training().epochs().get(e).trainAccuracy())
                    .isEqualTo(expected.epochs().get(e).trainAccuracy());
            assertThat(report.training().epochs().get(e).validationLoss()).isCloseTo(
                    expected.epochs().get(e).validationLoss(), org.assertj.core.data.Percentage.withPercentage(
                            tolerance * 1000));
            assertThat(report.training().epochs().get(e).validationAccuracy())
                    .isEqualTo(expected.epochs().get(e).validationAccuracy());
        }
        assertThat(steps.threads).containsOnly(Thread.currentThread());
        assertThat(steps.epochs).hasSize(2);
        assertThat(report.rounds()).isEqualTo(2 * batches);
        assertThat(report.partitions()).isEqualTo(partitions);
        assertThat(report.executors()).containsEntry("executor driver on host localhost", "loops "
                + dtype.numpyName());
        assertThat(report.samplesPerSecond()).isPositive();
        assertThat(report.training().samples()).isEqualTo(2 * examples);
    }

    @Test
    void followsSingleMachineFitStepByStepInFloat64() {
        followsFit(DType.FLOAT64, FLOAT64_TOLERANCE, 3, 230, 50);
    }

    @Test
    void followsSingleMachineFitStepByStepInFloat32() {
        followsFit(DType.FLOAT32, FLOAT32_TOLERANCE, 3, 230, 50);
    }

    @Test
    void emptyPartitionsAreFine() {
        // 40 rows in 64 slices: most partitions are empty, and every global batch spans a dozen partitions.
        followsFit(DType.FLOAT64, FLOAT64_TOLERANCE, 64, 40, 16);
    }

    @Test
    void vectorColumnsAndLabeledPointsTrainAsArrayColumnsDo() {
        Dataset data = LocalSpark.blobs(120, 6, 3, 2);
        Fit fit = Fit.epochs(1).batchSize(40);
        Mlp fromArrays = network(DType.FLOAT64, Optimizer.sgd(0.1));
        SparkTrainingReport arrays = SparkTrainer.synchronous().fit(fromArrays, LocalSpark.frame(data, 2), "features",
                "label", fit);
        Mlp fromVectors = network(DType.FLOAT64, Optimizer.sgd(0.1));
        SparkTrainingReport vectors = SparkTrainer.synchronous().fit(fromVectors,
                LocalSpark.vectorFrame(data, 2, org.apache.spark.sql.types.Metadata.empty(),
                        org.apache.spark.sql.types.Metadata.empty()), "features", "label", fit);
        Mlp fromPoints = network(DType.FLOAT64, Optimizer.sgd(0.1));
        SparkTrainingReport points = SparkTrainer.synchronous().fit(fromPoints, LocalSpark.points(data, 2), fit);
        assertClose(vectors.stepLosses(), arrays.stepLosses(), 1e-14);
        assertClose(points.stepLosses(), arrays.stepLosses(), 1e-14);
        assertClose(fromPoints.parameterValues(), fromArrays.parameterValues(), 1e-13);
        assertThat(arrays.stepLosses()).hasSize(3);
    }
}
