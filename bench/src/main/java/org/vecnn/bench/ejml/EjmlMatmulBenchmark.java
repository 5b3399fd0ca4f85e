package org.vecnn.bench.ejml;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.bench.Matrices;
import org.vecnn.Backend;

/**
 * {@code n x n} matmul into a preallocated output: the loops reference, the vecnn ejml backend, and raw EJML
 * (single- and multi-threaded) on the same data in the same run. GFLOPS = 2n³ / time.
 *
 * <p>{@code bench/jmh -f 1 -wi 3 -i 5 EjmlMatmulBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EjmlMatmulBenchmark {
    @Param({"64", "256", "1024"})
    int n;

    @Param({"FLOAT32", "FLOAT64"})
    DType dtype;

    private Backend loops;
    private Backend ejml;
    private Tensor loopsA;
    private Tensor loopsB;
    private Tensor loopsOut;
    private Tensor ejmlA;
    private Tensor ejmlB;
    private Tensor ejmlOut;
    private FMatrixRMaj fa;
    private FMatrixRMaj fb;
    private FMatrixRMaj fc;
    private DMatrixRMaj da;
    private DMatrixRMaj db;
    private DMatrixRMaj dc;

    @Setup
    public void setUp() {
        double[] a = Matrices.random(n, n, 1);
        double[] b = Matrices.random(n, n, 2);
        loops = Backends.get("loops");
        ejml = Backends.get("ejml");
        loopsA = loops.fromArray(a, Shape.of(n, n), dtype);
        loopsB = loops.fromArray(b, Shape.of(n, n), dtype);
        loopsOut = loops.zeros(Shape.of(n, n), dtype);
        ejmlA = ejml.fromArray(a, Shape.of(n, n), dtype);
        ejmlB = ejml.fromArray(b, Shape.of(n, n), dtype);
        ejmlOut = ejml.zeros(Shape.of(n, n), dtype);
        fa = FMatrixRMaj.wrap(n, n, Matrices.toFloats(a));
        fb = FMatrixRMaj.wrap(n, n, Matrices.toFloats(b));
        fc = new FMatrixRMaj(n, n);
        da = DMatrixRMaj.wrap(n, n, a.clone());
        db = DMatrixRMaj.wrap(n, n, b.clone());
        dc = new DMatrixRMaj(n, n);
    }

    @Benchmark
    public Tensor loops() {
        loops.matmul(loopsA, loopsB, loopsOut);
        return loopsOut;
    }

    @Benchmark
    public Tensor vecnnEjml() {
        ejml.matmul(ejmlA, ejmlB, ejmlOut);
        return ejmlOut;
    }

    @Benchmark
    public Object rawEjml() {
        if (dtype == DType.FLOAT32) {
            return CommonOps_FDRM.mult(fa, fb, fc);
        }
        return CommonOps_DDRM.mult(da, db, dc);
    }

    @Benchmark
    public Object rawEjmlThreaded() {
        if (dtype == DType.FLOAT32) {
            return CommonOps_MT_FDRM.mult(fa, fb, fc);
        }
        return CommonOps_MT_DDRM.mult(da, db, dc);
    }
}
