package org.vecnn.backend.aparapi;

import com.aparapi.Kernel;

/**
 * The host side of an arena kernel: one Aparapi {@link Kernel} per dtype that owns the device buffer every
 * tensor of that dtype lives in, and runs every operation on it.
 *
 * <p>Why one kernel for all operations: Aparapi binds a device buffer to a field of one kernel instance, so
 * data that a second kernel instance reads has to travel through the host. With one instance owning the
 * arena, the output of one operation is the input of the next without leaving the device. Only
 * {@link #upload}, {@link #download} and {@link #grow} move data between host and device, and they do it with
 * explicit {@code put}/{@code get}, never by relying on shared memory.
 *
 * <p>Not thread-safe: {@link DeviceProgram} serializes every call under its lock.
 */
interface ArenaKernel {
    /** The Aparapi kernel, to compile and execute. */
    Kernel kernel();

    /** Elements the arena holds. */
    int capacity();

    /** Replaces the arena with one of {@code capacity} elements holding the old one's contents first. */
    void grow(int capacity);

    /** The instruction of the next launch; uploaded explicitly. */
    void instruction(int[] ints);

    /** The scalar operand of the next launch (fill value, scale factor, function parameter), rounded to the dtype. */
    void scalar(double value);

    /** Stages {@code data} (a {@code float[]} or {@code double[]} of the kernel's dtype) for a COPY_IN launch. */
    void upload(Object data);

    /** Prepares a staging buffer of {@code length} elements for a COPY_OUT launch. */
    void prepareDownload(int length);

    /** The staging buffer filled by the last COPY_OUT launch, copied to the host: a new array the caller owns. */
    Object download();

    /** Prepares the index output of an ARGMAX launch. */
    void prepareIndices(int length);

    /** The indices written by the last ARGMAX launch, copied to the host. */
    int[] indices();
}
