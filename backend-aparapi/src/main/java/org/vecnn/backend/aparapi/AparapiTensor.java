package org.vecnn.backend.aparapi;

import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.Backend;

/**
 * A tensor of the aparapi backend: a slice of its dtype's device arena, row-major and contiguous, starting at
 * element {@link #offset()}. The data lives on the device only; reading it copies it out explicitly. The slice
 * returns to the arena when the tensor becomes unreachable.
 */
final class AparapiTensor extends Tensor {
    private final DeviceProgram program;
    private final int offset;

    AparapiTensor(Backend backend, Shape shape, DType dtype, DeviceProgram program, int offset) {
        super(backend, shape, dtype);
        this.program = program;
        this.offset = offset;
    }

    /** The arena of this tensor's dtype. */
    DeviceProgram program() {
        return program;
    }

    /** The element offset of this tensor's first element in the arena. */
    int offset() {
        return offset;
    }
}
