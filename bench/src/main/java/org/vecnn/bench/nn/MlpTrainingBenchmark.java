package org.vecnn.bench.nn;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Fit;
import org.vecnn.digits.GeneratedDigits;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.TrainingReport;

/**
 * Training throughput of the reference network: 784-256-10, ReLU then softmax with cross-entropy, SGD,
 * batch 128, float32. One invocation is one epoch of {@value #BATCHES} batches through {@link Mlp#fit}, so the
 * score, with {@link OperationsPerInvocation}, is in training samples per second. {@code backend} names the
 * backend; {@link MlpTrainingThroughput} runs it on every available one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true"})
public class MlpTrainingBenchmark {
    static final int BATCH = 128;
    static final int BATCHES = 8;

    @Param("loops")
    public String backend;

    private Mlp net;
    private Dataset data;
    private Fit fit;

    @Setup(Level.Trial)
    public void setUp() {
        data = digits(BATCH * BATCHES, 1);
        net = Mlp.builder().input(784).dense(256, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.01)).seed(42).dtype(DType.FLOAT32)
                .build(Backends.get(backend));
        fit = Fit.epochs(1).batchSize(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH * BATCHES)
    public TrainingReport trainOneEpoch() {
        return net.fit(data, fit);
    }

    /** Generated digits as a classification dataset. */
    private static Dataset digits(int count, long seed) {
        GeneratedDigits.Images images = GeneratedDigits.generate(count, seed);
        return Dataset.classification(images.pixels(), GeneratedDigits.PIXELS, images.labels(), GeneratedDigits.CLASSES);
    }
}
