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
 * What vecnn adds to one tiny operation (3x3, float32, into a preallocated output): raw ND4J against the
 * {@code nd4j} backend, for a matrix product and an elementwise add. The difference is vecnn's validation
 * and dispatch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Nd4jSmallOpBenchmark {
    private INDArray rawA;
    private INDArray rawB;
    private INDArray rawC;
    private Backend backend;
    private Tensor a;
    private Tensor b;
    private Tensor out;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backends.get("nd4j");
        double[] x = Nd4jMatmulBenchmark.random(9, 3);
        double[] y = Nd4jMatmulBenchmark.random(9, 4);
        rawA = Nd4j.create(x, new long[] {3, 3}, DataType.DOUBLE).castTo(DataType.FLOAT);
        rawB = Nd4j.create(y, new long[] {3, 3}, DataType.DOUBLE).castTo(DataType.FLOAT);
        rawC = Nd4j.zeros(DataType.FLOAT, 3, 3);
        a = backend.fromArray(x, Shape.of(3, 3)).as(DType.FLOAT32);
        b = backend.fromArray(y, Shape.of(3, 3)).as(DType.FLOAT32);
        out = backend.zeros(Shape.of(3, 3), DType.FLOAT32);
    }

    @Benchmark
    public void rawNd4jGemm3x3(Blackhole hole) {
        hole.consume(Nd4j.gemm(rawA, rawB, rawC, false, false, 1.0, 0.0));
    }

    @Benchmark
    public void vecnnMatmul3x3(Blackhole hole) {
        backend.matmul(a, b, out);
        hole.consume(out);
    }

    @Benchmark
    public void rawNd4jAdd3x3(Blackhole hole) {
        hole.consume(Nd4j.exec(new AddOp(rawA, rawB, rawC)));
    }

    @Benchmark
    public void vecnnAdd3x3(Blackhole hole) {
        backend.add(a, b, out);
        hole.consume(out);
    }
}
