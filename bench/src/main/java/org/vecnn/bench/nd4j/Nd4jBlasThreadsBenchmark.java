package org.vecnn.bench.nd4j;

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

/**
 * Raw ND4J gemm with OpenBLAS on a fixed number of threads ({@code 0}: ND4J's default), to find the size
 * from which more threads pay: the evidence behind the nd4j backend's {@code vecnn.nd4j.parallelWork}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Nd4jBlasThreadsBenchmark {
    @Param({"32", "64", "96", "128", "192", "256"})
    public int n;

    @Param({"FLOAT32", "FLOAT64"})
    public String dtype;

    @Param({"0", "1", "2"})
    public int threads;

    private INDArray a;
    private INDArray b;
    private INDArray c;

    @Setup(Level.Trial)
    public void setUp() {
        DataType type = DataType.valueOf(dtype.equals("FLOAT32") ? "FLOAT" : "DOUBLE");
        a = Nd4j.create(Nd4jMatmulBenchmark.random(n * n, 5), new long[] {n, n}, DataType.DOUBLE).castTo(type);
        b = Nd4j.create(Nd4jMatmulBenchmark.random(n * n, 6), new long[] {n, n}, DataType.DOUBLE).castTo(type);
        c = Nd4j.zeros(type, n, n);
        if (threads > 0) {
            Nd4j.factory().blas().setMaxThreads(threads);
        }
    }

    @Benchmark
    public void gemm(Blackhole hole) {
        hole.consume(Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
    }
}
