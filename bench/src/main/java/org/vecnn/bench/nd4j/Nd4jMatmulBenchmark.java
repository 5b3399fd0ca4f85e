package org.vecnn.bench.nd4j;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * {@code n x n} matrix products into a preallocated output: raw ND4J ({@code Nd4j.gemm}) against the vecnn
 * {@code nd4j} backend ({@code backend.matmul(a, b, out)}), on the same inputs, in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Nd4jMatmulBenchmark {
    @Param({"64", "256", "1024"})
    public int n;

    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

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
        double[] x = random(n * n, 1);
        double[] y = random(n * n, 2);
        DataType type = dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
        rawA = Nd4j.create(x, new long[] {n, n}, DataType.DOUBLE).castTo(type);
        rawB = Nd4j.create(y, new long[] {n, n}, DataType.DOUBLE).castTo(type);
        rawC = Nd4j.zeros(type, n, n);
        a = backend.fromArray(x, Shape.of(n, n)).as(dtype);
        b = backend.fromArray(y, Shape.of(n, n)).as(dtype);
        out = backend.zeros(Shape.of(n, n), dtype);
    }

    static double[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }

    @Benchmark
    public void rawNd4jGemm(Blackhole hole) {
        hole.consume(Nd4j.gemm(rawA, rawB, rawC, false, false, 1.0, 0.0));
    }

    @Benchmark
    public void vecnnMatmulInto(Blackhole hole) {
        backend.matmul(a, b, out);
        hole.consume(out);
    }
}
