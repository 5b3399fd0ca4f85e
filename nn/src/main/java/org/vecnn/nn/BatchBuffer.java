package org.vecnn.nn;

import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * Host arrays and backend tensors for batches of one size, allocated once: {@link #load} copies consecutive
 * rows straight from the dataset into the tensors, and gathers other orders on the host first, then copies them
 * in with one {@code copyFrom} each.
 */
final class BatchBuffer {
    final int rows;
    final Tensor x;
    final Tensor y;
    final int[] labels;
    private final Backend backend;
    private final float[] hostX;
    private final float[] hostY;
    private final double[] wideX;
    private final double[] wideY;

    BatchBuffer(Backend backend, DType dtype, int rows, int features, int targets) {
        this.backend = backend;
        this.rows = rows;
        this.x = backend.zeros(Shape.of(rows, features), dtype);
        this.y = backend.zeros(Shape.of(rows, targets), dtype);
        this.labels = new int[rows];
        boolean wide = dtype == DType.FLOAT64;
        this.hostX = wide ? null : new float[rows * features];
        this.hostY = wide ? null : new float[rows * targets];
        this.wideX = wide ? new double[rows * features] : null;
        this.wideY = wide ? new double[rows * targets] : null;
    }

    /** Releases the batch tensors' memory. */
    void close() {
        LayerBuffers.closeAll(x, y);
    }

    /** Loads the examples {@code order[start..start+rows)} of {@code data}. */
    void load(Dataset data, int[] order, int start) {
        if (consecutive(order, start) && data.copyRowsTo(backend, order[start], rows, x, y, labels)) {
            return;
        }
        if (wideX == null) {
            data.gather(order, start, rows, hostX, hostY, labels);
            backend.copyFrom(hostX, x);
            backend.copyFrom(hostY, y);
        } else {
            data.gather(order, start, rows, wideX, wideY, labels);
            backend.copyFrom(wideX, x);
            backend.copyFrom(wideY, y);
        }
    }

    private boolean consecutive(int[] order, int start) {
        int first = order[start];
        for (int i = 1; i < rows; i++) {
            if (order[start + i] != first + i) {
                return false;
            }
        }
        return true;
    }
}
