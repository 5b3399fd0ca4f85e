package org.vecnn.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vecnn.UnaryOp;

/**
 * The {@link UnaryOp}s ND4J has no faithful op for (see {@link Functions}), computed exactly as
 * {@link UnaryOp#apply} defines them by a Java loop over the arrays' native memory, seen through NIO buffers.
 * The SPI's reference code would copy each operand to a fresh Java array and back (garbage on every training
 * step, which lets the heap, and so the process, grow before a collection: see docs/performance.md); this
 * allocates no array.
 */
final class HostMap {
    private HostMap() {
    }

    /** {@code out = op(a)} elementwise; {@code out} may be {@code a}; both flat, contiguous, of one length. */
    static void apply(UnaryOp op, INDArray a, INDArray out) {
        int n = (int) a.length();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer in = a.data().asNioFloat();
            FloatBuffer to = out.data().asNioFloat();
            for (int i = 0; i < n; i++) {
                to.put(i, (float) op.apply(in.get(i)));
            }
        } else {
            DoubleBuffer in = a.data().asNioDouble();
            DoubleBuffer to = out.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                to.put(i, op.apply(in.get(i)));
            }
        }
    }
}
