package org.vecnn.nn;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.vecnn.DType;
import org.vecnn.Backend;

/** Walks a dataset in batches through at most two reused buffers: the full size and the last remainder. */
final class BatchIterator implements Iterator<Batch> {
    private final Dataset data;
    private final Backend backend;
    private final DType dtype;
    private final int batchSize;
    private final int[] order;
    private BatchBuffer full;
    private BatchBuffer remainder;
    private int next;

    BatchIterator(Dataset data, Backend backend, DType dtype, int batchSize, int[] order) {
        this.data = data;
        this.backend = backend;
        this.dtype = dtype;
        this.batchSize = batchSize;
        this.order = order;
    }

    @Override
    public boolean hasNext() {
        return next < order.length;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int rows = Math.min(batchSize, order.length - next);
        BatchBuffer buffer;
        if (rows == batchSize) {
            full = full != null ? full : newBuffer(rows);
            buffer = full;
        } else {
            remainder = newBuffer(rows);
            buffer = remainder;
        }
        buffer.load(data, order, next);
        Batch batch = new Batch(buffer, next);
        next += rows;
        return batch;
    }

    private BatchBuffer newBuffer(int rows) {
        return new BatchBuffer(backend, dtype, rows, data.featureCount(), data.targetCount());
    }
}
