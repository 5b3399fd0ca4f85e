package org.vecnn.bench.nd4j;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * A layer's bias add, {@code (n, n) + (n)} float32 into a preallocated output: raw ND4J's broadcasting add
 * against the {@code nd4j} backend (ND4J's add over a stride-0 view). Elementwise loops are ND4J's own code,
 * the place where its avx2/avx512 builds could differ from the generic one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Nd4jBiasAddBenchmark {
    @Param({"256", "1024"})
    public int n;

    private INDArray rawX;
    private INDArray rawRow;
    private INDArray rawZ;
    private Backend backend;
    private Tensor x;
    private Tensor row;
    private Tensor out;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backends.get("nd4j");
        double[] values = Nd4jMatmulBenchmark.random(n * n, 7);
        double[] bias = Nd4jMatmulBenchmark.random(n, 8);
        rawX = Nd4j.create(values, new long[] {n, n}, DataType.DOUBLE).castTo(DataType.FLOAT);
        rawRow = Nd4j.create(bias, new long[] {n}, DataType.DOUBLE).castTo(DataType.FLOAT);
        rawZ = Nd4j.zeros(DataType.FLOAT, n, n);
        x = backend.fromArray(values, Shape.of(n, n)).as(DType.FLOAT32);
        row = backend.fromArray(bias, Shape.of(n)).as(DType.FLOAT32);
        out = backend.zeros(Shape.of(n, n), DType.FLOAT32);
    }

    @Benchmark
    public void rawNd4jAdd(Blackhole hole) {
        hole.consume(Nd4j.exec(new AddOp(rawX, rawRow, rawZ)));
    }

    @Benchmark
    public void vecnnAdd(Blackhole hole) {
        backend.add(x, row, out);
        hole.consume(out);
    }
}
