package org.vecnn.spi;

import org.vecnn.DType;

/**
 * Storage in a Java array on the heap: the default of {@link Kernels#allocate}, used by every backend whose
 * kernels work on {@code float[]} or {@code double[]}. The arrays are live storage, for kernels only.
 */
public final class HeapStorage implements Storage {
    private final HostArray array;

    private HeapStorage(HostArray array) {
        this.array = array;
    }

    /** Zero-filled heap storage of {@code size} elements of {@code dtype}. */
    public static HeapStorage zeros(int size, DType dtype) {
        return new HeapStorage(HostArray.zeros(dtype, size));
    }

    /** The live FLOAT32 array of {@code s}, which must be FLOAT32 heap storage. */
    public static float[] floats(Storage s) {
        return ((HostArray.Floats) ((HeapStorage) s).array).data();
    }

    /** The live FLOAT64 array of {@code s}, which must be FLOAT64 heap storage. */
    public static double[] doubles(Storage s) {
        return ((HostArray.Doubles) ((HeapStorage) s).array).data();
    }

    /** The live array. */
    public HostArray array() {
        return array;
    }

    @Override
    public DType dtype() {
        return array.dtype();
    }

    @Override
    public int size() {
        return array.length();
    }

    @Override
    public double get(int index) {
        return array.get(index);
    }

    @Override
    public void set(int index, double value) {
        array.set(index, value);
    }

    @Override
    public void read(HostArray host) {
        if (array instanceof HostArray.Floats f) {
            System.arraycopy(f.data(), 0, ((HostArray.Floats) host).data(), 0, f.length());
        } else {
            double[] d = ((HostArray.Doubles) array).data();
            System.arraycopy(d, 0, ((HostArray.Doubles) host).data(), 0, d.length);
        }
    }

    @Override
    public void write(HostArray host) {
        write(host, 0);
    }

    @Override
    public void write(HostArray host, int offset) {
        if (array instanceof HostArray.Floats f) {
            System.arraycopy(((HostArray.Floats) host).data(), offset, f.data(), 0, f.length());
        } else {
            double[] d = ((HostArray.Doubles) array).data();
            System.arraycopy(((HostArray.Doubles) host).data(), offset, d, 0, d.length);
        }
    }
}
