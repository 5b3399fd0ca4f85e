package org.vecnn.examples;

import java.util.Arrays;
import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.Tensor;

/** The README's first example: one dense layer, {@code np.maximum(x @ w + b, 0)}, on the best backend found. */
public final class FirstExample {
    private FirstExample() {
    }

    public static void main(String[] args) {
        // tag::readme[]
        Backend backend = Backends.get();                       // the best backend on the class path
        Tensor x = backend.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = backend.fromArray(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Tensor b = backend.fromArray(new float[] {0.5f, -0.5f}, 2);
        Tensor y = x.matmul(w).add(b).relu();                  // np.maximum(x @ w + b, 0)
        float[] out = y.toFloatArray();                         // [4.5, 4.5, 10.5, 10.5]
        // end::readme[]
        System.out.println(backend.name() + ": " + Arrays.toString(out));
    }
}
