package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * The seed's lesson as workloads: a forward pass written as a loop over samples against the same pass as
 * one vectorized call, then the core operations at sizes where the backends part ways.
 */
final class Workloads {
    static final int SAMPLES = 10_000;
    static final int FEATURES = 3;
    static final String PER_SAMPLE = "forward X·w+b, X 10000x3, per-sample loop";
    static final String VECTORIZED = "forward X·w+b, X 10000x3, vectorized";

    private Workloads() {
    }

    /** The standard set; {@code quick} leaves out the largest sizes. */
    static List<Workload> standard(boolean quick) {
        List<Workload> workloads = new ArrayList<>();
        workloads.add(perSampleForward());
        workloads.add(vectorizedForward());
        for (int n : quick ? new int[] {64, 256} : new int[] {64, 256, 1024}) {
            workloads.add(matmul(n));
        }
        int side = quick ? 500 : 1000;
        workloads.add(of("add (" + side + "," + side + ") + (" + side + ",)", (backend, dtype) -> {
            Tensor a = random(backend, dtype, 1, side, side);
            Tensor row = random(backend, dtype, 2, side);
            Tensor out = backend.zeros(Shape.of(side, side), dtype);
            return () -> backend.add(a, row, out);
        }));
        workloads.add(of("multiply (" + side + "," + side + ") * (" + side + "," + side + ")", (backend, dtype) -> {
            Tensor a = random(backend, dtype, 3, side, side);
            Tensor b = random(backend, dtype, 4, side, side);
            Tensor out = backend.zeros(Shape.of(side, side), dtype);
            return () -> backend.multiply(a, b, out);
        }));
        int length = quick ? 100_000 : 1_000_000;
        workloads.add(of("dot of two " + length + "-vectors", (backend, dtype) -> {
            Tensor x = random(backend, dtype, 5, length);
            Tensor y = random(backend, dtype, 6, length);
            Tensor out = backend.zeros(Shape.scalar(), dtype);
            return () -> backend.dot(x, y, out);
        }));
        return workloads;
    }

    /** X·w + b one sample at a time: a backend call per row, as code written without vectorization does. */
    static Workload perSampleForward() {
        return of(PER_SAMPLE, (backend, dtype) -> {
            double[] x = values(7, SAMPLES * FEATURES);
            Tensor[] rows = new Tensor[SAMPLES];
            Tensor[] outputs = new Tensor[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                double[] row = java.util.Arrays.copyOfRange(x, i * FEATURES, (i + 1) * FEATURES);
                rows[i] = backend.fromArray(row, Shape.of(FEATURES), dtype);
                outputs[i] = backend.zeros(Shape.scalar(), dtype);
            }
            Tensor w = backend.fromArray(values(8, FEATURES), Shape.of(FEATURES), dtype);
            Tensor b = backend.scalar(0.5, dtype);
            return () -> {
                for (int i = 0; i < SAMPLES; i++) {
                    backend.dot(rows[i], w, outputs[i]);
                    backend.add(outputs[i], b, outputs[i]);
                }
            };
        });
    }

    /** X·w + b for the whole batch: one dot and one broadcast add. */
    static Workload vectorizedForward() {
        return new Workload() {
            @Override
            public String name() {
                return VECTORIZED;
            }

            @Override
            public String baseline() {
                return PER_SAMPLE;
            }

            @Override
            public Runnable prepare(Backend backend, DType dtype) {
                Tensor x = backend.fromArray(values(7, SAMPLES * FEATURES), Shape.of(SAMPLES, FEATURES), dtype);
                Tensor w = backend.fromArray(values(8, FEATURES), Shape.of(FEATURES), dtype);
                Tensor b = backend.scalar(0.5, dtype);
                Tensor out = backend.zeros(Shape.of(SAMPLES), dtype);
                return () -> {
                    backend.dot(x, w, out);
                    backend.add(out, b, out);
                };
            }
        };
    }

    static Workload matmul(int n) {
        return of("matmul " + n + "x" + n, (backend, dtype) -> {
            Tensor a = random(backend, dtype, 9, n, n);
            Tensor b = random(backend, dtype, 10, n, n);
            Tensor out = backend.zeros(Shape.of(n, n), dtype);
            return () -> backend.matmul(a, b, out);
        });
    }

    private interface Preparation {
        Runnable prepare(Backend backend, DType dtype);
    }

    private static Workload of(String name, Preparation preparation) {
        return new Workload() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Runnable prepare(Backend backend, DType dtype) {
                return preparation.prepare(backend, dtype);
            }
        };
    }

    private static Tensor random(Backend backend, DType dtype, long seed, int... dims) {
        Shape shape = Shape.of(dims);
        return backend.fromArray(values(seed, shape.size()), shape, dtype);
    }

    private static double[] values(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }
}
