package org.vecnn.backend.aparapi;

import org.vecnn.DType;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Storage;

/**
 * A tensor's elements in the aparapi backend: a slice of its dtype's device arena, row-major and contiguous,
 * starting at element {@link #offset()}. The data lives on the device only; reading it copies it out
 * explicitly. The slice returns to the arena at {@link #release()}, or when the storage becomes unreachable.
 */
final class AparapiStorage implements Storage {
    private final DeviceProgram program;
    private final int offset;
    private final int size;

    AparapiStorage(DeviceProgram program, int offset, int size) {
        this.program = program;
        this.offset = offset;
        this.size = size;
    }

    /** The arena of this storage's dtype. */
    DeviceProgram program() {
        return program;
    }

    /** The element offset of the first element in the arena. */
    int offset() {
        return offset;
    }

    @Override
    public DType dtype() {
        return program.dtype();
    }

    @Override
    public int size() {
        return size;
    }

    /** One element copied off the device, not the whole tensor. */
    @Override
    public double get(int index) {
        return program.readElement(this, index);
    }

    @Override
    public void read(HostArray host) {
        Object data = program.read(this);
        if (host instanceof HostArray.Floats f) {
            System.arraycopy((float[]) data, 0, f.data(), 0, size);
        } else {
            System.arraycopy((double[]) data, 0, ((HostArray.Doubles) host).data(), 0, size);
        }
    }

    @Override
    public void write(HostArray host) {
        program.write(this, host instanceof HostArray.Floats f ? f.data() : ((HostArray.Doubles) host).data());
    }

    @Override
    public void release() {
        program.release(this);
    }
}
