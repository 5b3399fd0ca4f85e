package org.vecnn.spi;

import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;

/**
 * A tensor stored in a Java array on the heap, row-major and contiguous: the storage of {@link Backend}'s
 * default implementation, used by every backend whose kernels work on {@code float[]} or {@code double[]}.
 * The arrays are the live storage, for kernels only; users read data with {@link Tensor#toFloatArray()}.
 */
public final class HeapTensor extends Tensor {
    private final float[] floats;
    private final double[] doubles;

    /** A zero-filled tensor of {@code shape} and {@code dtype}. */
    public HeapTensor(Backend backend, Shape shape, DType dtype) {
        super(backend, shape, dtype);
        this.floats = dtype == DType.FLOAT32 ? new float[shape.size()] : null;
        this.doubles = dtype == DType.FLOAT64 ? new double[shape.size()] : null;
    }

    /** The live FLOAT32 storage. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("tensor " + this + " is not float32");
        }
        return floats;
    }

    /** The live FLOAT64 storage. */
    public double[] doubles() {
        if (doubles == null) {
            throw new IllegalStateException("tensor " + this + " is not float64");
        }
        return doubles;
    }

    /** The live FLOAT32 storage of {@code t}, which must be a {@code HeapTensor}. */
    public static float[] floats(Tensor t) {
        return ((HeapTensor) t).floats();
    }

    /** The live FLOAT64 storage of {@code t}, which must be a {@code HeapTensor}. */
    public static double[] doubles(Tensor t) {
        return ((HeapTensor) t).doubles();
    }
}
