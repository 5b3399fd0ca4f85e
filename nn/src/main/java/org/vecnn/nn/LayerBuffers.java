package org.vecnn.nn;

import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/** One layer's per-batch tensors for one batch size, allocated once and overwritten by every batch. */
final class LayerBuffers {
    final Tensor z;
    final Tensor a;
    final Tensor dz;
    final Tensor scratch;
    final Tensor rowScratch;
    /** The gradient with respect to the layer's input; null for the first layer, which needs none. */
    final Tensor dx;

    LayerBuffers(Backend backend, DType dtype, int rows, int inputs, int units, boolean needsInputGradient) {
        Shape out = Shape.of(rows, units);
        this.z = backend.zeros(out, dtype);
        this.a = backend.zeros(out, dtype);
        this.dz = backend.zeros(out, dtype);
        this.scratch = backend.zeros(out, dtype);
        this.rowScratch = backend.zeros(Shape.of(rows, 1), dtype);
        this.dx = needsInputGradient ? backend.zeros(Shape.of(rows, inputs), dtype) : null;
    }

    /** Releases the buffers' memory. */
    void close() {
        closeAll(z, a, dz, scratch, rowScratch, dx);
    }

    /** Closes every non-null tensor given. */
    static void closeAll(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null) {
                t.close();
            }
        }
    }
}
