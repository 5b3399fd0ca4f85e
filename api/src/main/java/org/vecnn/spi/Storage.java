package org.vecnn.spi;

import org.vecnn.DType;

/**
 * The memory behind one tensor: {@link #size()} elements of one {@link DType}, row-major and contiguous,
 * wherever the backend keeps them (Java heap, native memory, a device). Created by
 * {@link Kernels#allocate(int, DType)} zero-filled, and handed back to the same backend's kernels only.
 *
 * <p>{@link #release()} frees the memory at once (a tensor's {@code close()} calls it); storage that is never
 * released is reclaimed when garbage, as Java memory is. Data moves in and out only through
 * {@link #read(HostArray)} and {@link #write(HostArray)}, always as whole copies.
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
     * Element {@code index} widened exactly to double. Default: a whole host copy, then the element; storage
     * whose memory is native or on a device overrides it to move one element only.
     */
    default double get(int index) {
        HostArray host = HostArray.zeros(dtype(), size());
        read(host);
        return host.get(index);
    }

    /** Frees the memory now; later calls do nothing. Default: nothing to free (heap memory). */
    default void release() {
    }
}
