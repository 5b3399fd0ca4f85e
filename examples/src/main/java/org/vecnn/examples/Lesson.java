package org.vecnn.examples;

import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Tensor;

/** The lesson: a per-sample loop against one vectorized {@code X·w + 0.5}, as short as in NumPy (9 lines). */
public final class Lesson {
    private Lesson() {
    }

    public static void main(String[] args) {
        // tag::readme[]
        Backend np = Backends.get();
        Tensor X = np.rand(0, DType.FLOAT64, 10_000, 3), W = np.rand(1, DType.FLOAT64, 3);
        long t0 = System.nanoTime();
        double[] loop = new double[10_000];
        for (int i = 0; i < 10_000; i++) loop[i] = X.row(i).dot(W).item() + 0.5;   // one sample at a time
        long t1 = System.nanoTime();
        Tensor y = X.dot(W).add(0.5);                                              // the whole batch at once
        long t2 = System.nanoTime();
        System.out.printf("loop %.1f ms, vectorized %.2f ms, same: %b%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, np.fromArray(loop, 10_000).allclose(y));
        // end::readme[]
    }
}
