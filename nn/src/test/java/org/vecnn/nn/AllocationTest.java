package org.vecnn.nn;

import org.vecnn.Backend;
import org.vecnn.backend.loops.LoopsProvider;
import org.vecnn.tck.CountingKernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.DType;

/**
 * After the first batch of each size, a training step allocates no tensor and reads back at most one element:
 * the loss, which the softmax cross-entropy returns from its fused call without a read.
 */
class AllocationTest {

    @Test
    void trainingStepsAllocateNothingAfterTheFirstBatch() {
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.1).withWeightDecay(0.01),
            Optimizer.momentum(0.1, 0.9), Optimizer.adam(0.01)}) {
            check(optimizer, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            check(optimizer, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY);
            check(optimizer, Activation.TANH, Loss.MSE);
        }
    }

    private static void check(Optimizer optimizer, Activation output, Loss loss) {
        CountingKernels counting = new CountingKernels(new LoopsProvider().create());
        Backend backend = Backend.of("counting", counting);
        SplittableRandom random = new SplittableRandom(1);
        // Regression data (no labels), so that no accuracy is read back: 25 rows in batches of 10, 10 and 5.
        Dataset data = Dataset.regression(GradientCheckTest.uniform(random, 25 * 6, -1, 1), 6,
                GradientCheckTest.uniform(random, 25 * 3, 0, 1), 3);
        Mlp net = Mlp.builder().input(6).dense(8, Activation.RELU).dense(5, Activation.TANH).dense(3, output)
                .loss(loss).optimizer(optimizer).dtype(DType.FLOAT64).build(backend);
        net.fit(data, Fit.epochs(1).batchSize(10));
        long allocated = counting.allocations();
        long reads = counting.reads();
        net.fit(data, Fit.epochs(4).batchSize(10).shuffle(3));
        assertThat(counting.allocations()).as(optimizer + ", " + loss).isEqualTo(allocated);
        long lossReads = loss == Loss.CROSS_ENTROPY ? 0 : 4 * 3;
        assertThat(counting.reads() - reads).as("one loss per batch").isEqualTo(lossReads);
        if (loss == Loss.CROSS_ENTROPY) {
            assertThat(counting.calls("softmaxCrossEntropy")).as("one fused loss per batch").isEqualTo(5 * 3);
        }
    }
}
