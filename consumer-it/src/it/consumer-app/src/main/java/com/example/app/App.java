package com.example.app;

import java.util.Arrays;
import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.Tensor;

/** The README's first example in a project of its own: vecnn-api and the ejml backend, found at run time. */
public final class App {
    public static void main(String[] args) {
        Backend backend = Backends.get();
        Tensor x = backend.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = backend.fromArray(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Tensor b = backend.fromArray(new float[] {0.5f, -0.5f}, 2);
        float[] y = x.matmul(w).add(b).relu().toFloatArray();
        System.out.println("consumer-app: backend " + backend.name() + ", y = " + Arrays.toString(y));
        if (!backend.name().equals("ejml") || !Arrays.equals(y, new float[] {4.5f, 4.5f, 10.5f, 10.5f})) {
            throw new AssertionError("expected the ejml backend and [4.5, 4.5, 10.5, 10.5]");
        }
    }
}
