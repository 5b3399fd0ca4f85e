package org.vecnn.nn;

import org.vecnn.Tensor;

/**
 * One batch of a {@link Dataset} on a backend. The tensors are reused for the next batch of the same size:
 * read or copy them before advancing.
 */
public final class Batch {
    private final BatchBuffer buffer;
    private final int offset;

    Batch(BatchBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
    }

    /** The features, (size, featureCount). */
    public Tensor features() {
        return buffer.x;
    }

    /** The targets, (size, targetCount). */
    public Tensor targets() {
        return buffer.y;
    }

    /** The number of examples. */
    public int size() {
        return buffer.rows;
    }

    /** The position of this batch's first example in the dataset's iteration order. */
    public int offset() {
        return offset;
    }
}
