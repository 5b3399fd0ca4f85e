package org.vecnn.bench.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.bench.Matrices;
import org.vecnn.Backend;

/**
 * GFLOPS of a backend's products (default {@code vector}) on the shapes of {@code ../shared/bench/numpy gemm},
 * timed the same way (a warm-up of at least 3 s, past the vector backend's own warm-up of its kernels, which takes
 * 1.5 s here), then 15 samples of about 80 ms each; prints best, median
 * and the spread (min-max) of the samples, as GFLOPS. Shapes: sq1024 = 1024³, fwd = (128x784)·(784x256),
 * wgrad = Xᵀ·dZ with X stored 128x784 (matmulTransposeA), out = (128x256)·(256x10).
 *
 * <pre>java --add-modules jdk.incubator.vector -Dvecnn.vector.threads=1 -cp ... org.vecnn.bench.vector.VectorGemmThroughput [backend] [shapes] [dtypes]</pre>
 */
public final class VectorGemmThroughput {
    private VectorGemmThroughput() {
    }

    /** Runs the shapes and prints one line each. */
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "vector";
        String shapes = args.length > 1 ? args[1] : "sq1024,fwd,wgrad,out";
        String dtypes = args.length > 2 ? args[2] : "FLOAT32,FLOAT64";
        Backend backend = Backends.get(name);
        System.out.println("backend " + name + ": " + backend.capabilities().device()
                + ", threads property " + System.getProperty("vecnn.vector.threads", "(unset)")
                + ", Java " + Runtime.version());
        for (String dt : dtypes.split(",")) {
            DType dtype = DType.valueOf(dt);
            for (String shape : shapes.split(",")) {
                run(backend, shape, dtype);
            }
        }
    }

    private static void run(Backend backend, String shape, DType dtype) {
        int m, k, n;
        switch (shape) {
            case "sq1024": m = 1024; k = 1024; n = 1024; break;
            case "fwd": m = 128; k = 784; n = 256; break;
            case "wgrad": m = 784; k = 128; n = 256; break;
            case "out": m = 128; k = 256; n = 10; break;
            default: throw new IllegalArgumentException("unknown shape " + shape);
        }
        boolean transposed = shape.equals("wgrad");
        Tensor a = transposed ? backend.fromArray(Matrices.random(k, m, 1), Shape.of(k, m), dtype)
                : backend.fromArray(Matrices.random(m, k, 1), Shape.of(m, k), dtype);
        Tensor b = backend.fromArray(Matrices.random(k, n, 2), Shape.of(k, n), dtype);
        Tensor out = backend.zeros(Shape.of(m, n), dtype);
        Runnable op = transposed ? () -> backend.matmulTransposeA(a, b, out) : () -> backend.matmul(a, b, out);
        double[] samples = time(op);
        double flops = 2.0 * m * k * n;
        System.out.println(String.format(Locale.ROOT,
                "%-7s %-7s %4dx%4dx%4d  GFLOPS best %7.1f  median %7.1f  spread %7.1f - %7.1f  (ms median %.3f)",
                shape, dtype, m, k, n, flops / samples[0] * 1e-9, flops / samples[samples.length / 2] * 1e-9,
                flops / samples[samples.length - 1] * 1e-9, flops / samples[0] * 1e-9,
                samples[samples.length / 2] * 1e3));
    }

    /** Seconds per call: 15 sorted samples after the warm-up. */
    private static double[] time(Runnable op) {
        long start = System.nanoTime();
        int reps = 1;
        double took;
        while (true) {
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                op.run();
            }
            took = (System.nanoTime() - s) * 1e-9;
            if (took < 0.05) {
                reps *= 2;
                continue;
            }
            if ((System.nanoTime() - start) * 1e-9 > 3.0) {
                break;
            }
        }
        int rep = Math.max(1, (int) Math.round(0.08 / (took / reps)));
        List<Double> samples = new ArrayList<>();
        for (int j = 0; j < 15; j++) {
            long s = System.nanoTime();
            for (int i = 0; i < rep; i++) {
                op.run();
            }
            samples.add((System.nanoTime() - s) * 1e-9 / rep);
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
