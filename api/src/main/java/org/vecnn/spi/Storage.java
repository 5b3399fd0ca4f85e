package org.vecnn.spi;

import org.vecnn.DType;

/**
 * The memory behind one tensor: {@link #size()} elements of one {@link DType}, row-major and contiguous,
 * wherever the backend keeps them (Java heap, native memory, a device). Created by
 * {@link Kernels#allocate(int, DType)} zero-filled, and handed back to the same backend's kernels only.
 *
 * <p>{@link #release()} frees the memory at once (a tensor's {@code close()} calls it); storage that is never
 * released is reclaimed when garbage, as Java memory is. Data moves in and out only through
 * {@link #read(HostArray)} and {@link #write(HostArray)} (or {@link #write(HostArray, int)}, from a part of a
 * larger host array), always as whole copies of the storage.
 */
public interface Storage {
    /** The element type. */
    DType dtype();

    /** The number of elements. */
    int size();

    /** Copies every element into {@code host}, of this storage's dtype and {@link #size()} elements. */
    void read(HostArray host);

    /** Overwrites every element with {@code host}, of this storage's dtype and {@link #size()} elements. */
    void write(HostArray host);

    /**
     * Overwrites every element with {@code host}'s elements {@code [offset, offset + size())}, {@code host} being
     * of this storage's dtype and long enough: a batch straight out of a dataset's array. Default: that range
     * copied out, then {@link #write(HostArray)}; heap storage copies it directly.
     */
    default void write(HostArray host, int offset) {
        write(host.range(offset, size()));
    }

    /**
     * Element {@code index} widened exactly to double. Default: a whole host copy, then the element; storage
     * whose memory is native or on a device overrides it to move one element only.
     */
    default double get(int index) {
        HostArray host = HostArray.zeros(dtype(), size());
        read(host);
        return host.get(index);
    }

    /**
     * Sets element {@code index} to {@code value}, already rounded to the dtype. Default: a whole host copy, the
     * element changed, written back; storage that can write one element in place overrides it.
     */
    default void set(int index, double value) {
        HostArray host = HostArray.zeros(dtype(), size());
        read(host);
        host.set(index, value);
        write(host);
    }

    /** Frees the memory now; later calls do nothing. Default: nothing to free (heap memory). */
    default void release() {
    }
}
