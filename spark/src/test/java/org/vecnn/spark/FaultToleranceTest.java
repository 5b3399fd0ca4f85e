package org.vecnn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.vecnn.DType;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;

/**
 * A task that fails after its partition's work, on its first attempt, is retried by Spark ({@code local[2,2]}
 * allows two attempts) and counted once: training ends where a run without the fault ends. And an executor
 * without the backend asked for fails the fit with its name.
 */
class FaultToleranceTest {
    /** Failures injected so far (local mode: the tasks run in this JVM). */
    static final AtomicInteger INJECTED = new AtomicInteger();

    /** Partition 1's task of round 3 throws on its first attempt, after computing its sums. */
    static void failOnce(int partition, long round) {
        if (partition == 1 && round == 3 && TaskContext.get().attemptNumber() == 0) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of partition 1, round 3, attempt 0");
        }
    }

    private static void retriedTaskCountsOnce(SparkTrainer trainer) {
        Dataset data = LocalSpark.blobs(230, 6, 3, 5);
        Fit fit = Fit.epochs(2).batchSize(50).shuffle(3);
        Mlp clean = SynchronousTrainingTest.network(DType.FLOAT64, Optimizer.momentum(0.05, 0.9));
        SparkTrainingReport expected = trainer.fit(clean, LocalSpark.frame(data, 3), "features", "label", fit);
        int before = INJECTED.get();
        Mlp faulty = SynchronousTrainingTest.network(DType.FLOAT64, Optimizer.momentum(0.05, 0.9));
        SparkTrainingReport report = trainer.taskHook(FaultToleranceTest::failOnce)
                .fit(faulty, LocalSpark.frame(data, 3), "features", "label", fit);
        assertThat(INJECTED.get() - before).as("failures injected").isEqualTo(1);
        // The same steps up to the rounding of sums merged in another order: a partition counted twice would
        // change a global batch's gradient by a third.
        SynchronousTrainingTest.assertClose(report.stepLosses(), expected.stepLosses(), 1e-12);
        SynchronousTrainingTest.assertClose(faulty.parameterValues(), clean.parameterValues(), 1e-11);
        assertThat(report.training().samples()).isEqualTo(460);
    }

    @Test
    void aRetriedSynchronousTaskCountsOnce() {
        retriedTaskCountsOnce(SparkTrainer.synchronous());
    }

    @Test
    void aRetriedAveragingTaskCountsOnce() {
        retriedTaskCountsOnce(SparkTrainer.parameterAveraging(2));
    }

    @Test
    void aMissingBackendNamesTheExecutor() {
        Dataset data = LocalSpark.blobs(40, 6, 3, 6);
        Mlp net = SynchronousTrainingTest.network(DType.FLOAT32, Optimizer.sgd(0.1));
        double[] before = net.parameterValues();
        assertThatThrownBy(() -> SparkTrainer.synchronous().executorBackend("no-such-backend")
                .fit(net, LocalSpark.frame(data, 2), "features", "label", Fit.epochs(1)))
                .isInstanceOf(ExecutorBackendException.class)
                .hasMessageContaining("executor driver on host localhost")
                .hasMessageContaining("'no-such-backend'")
                .hasMessageContaining("loops");
        assertThat(net.parameterValues()).isEqualTo(before);
    }
}
