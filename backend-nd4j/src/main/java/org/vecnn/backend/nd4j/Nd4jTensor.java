package org.vecnn.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.spi.Backend;

/**
 * A tensor stored in one contiguous, row-major, off-heap ND4J buffer. Kernels see it through views that share
 * that buffer (never copies): the flat vector, the tensor's own shape, a matrix at an element offset. A tensor
 * of size 0 has no buffer. The buffer is freed when the tensor is garbage collected (JavaCPP's deallocator).
 */
final class Nd4jTensor extends Tensor {
    private final INDArray flat;
    private final INDArray shaped;
    /** The last matrix view asked for, kept because products ask for the same one again and again. */
    private volatile INDArray matrix;
    /** The last rank-aligned view asked for, kept for the same reason (a bias added batch after batch). */
    private volatile INDArray aligned;

    Nd4jTensor(Backend backend, Shape shape, DType dtype) {
        super(backend, shape, dtype);
        if (shape.size() == 0) {
            flat = null;
            shaped = null;
        } else {
            flat = allocateOutsideWorkspaces(dtype, shape.size());
            // ND4J's rank-0 arrays do not broadcast like NumPy's; a (1) vector does, and gives the same result.
            shaped = shape.rank() <= 1 ? flat : flat.reshape('c', longs(shape.dims()));
        }
    }

    /**
     * A zeroed buffer that outlives any ND4J workspace the calling thread has open (DL4J code in the same
     * thread may have one): allocated inside it, the buffer would be invalid once the workspace closes.
     */
    private static INDArray allocateOutsideWorkspaces(DType dtype, int size) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(ndType(dtype), size);
        }
    }

    static DataType ndType(DType dtype) {
        return dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    static Nd4jTensor of(Tensor t) {
        return (Nd4jTensor) t;
    }

    /** The elements as one vector; never called on an empty tensor. */
    INDArray flat() {
        return flat;
    }

    /** The elements in this tensor's shape, a rank-0 tensor as a (1) vector; never called on an empty tensor. */
    INDArray shaped() {
        return shaped;
    }

    /** The whole buffer seen as a {@code rows x cols} row-major matrix. */
    INDArray matrix(long rows, long cols) {
        INDArray m = matrix;
        if (m == null || m.rows() != rows || m.columns() != cols) {
            m = matrixAt(0, rows, cols);
            matrix = m;
        }
        return m;
    }

    /** The {@code rows x cols} row-major matrix starting at element {@code offset}. */
    INDArray matrixAt(long offset, long rows, long cols) {
        long[] dims = {rows, cols};
        return Nd4j.create(flat.data(), dims, new long[] {cols, 1}, offset, 'c', flat.dataType());
    }

    /**
     * The elements seen with {@code rank} dimensions, {@code rank >= rank()}: size-1 dimensions prepended, as
     * NumPy's broadcasting does implicitly.
     */
    INDArray withRank(int rank) {
        INDArray view = aligned;
        if (view == null || view.rank() != rank) {
            long[] dims = new long[rank];
            java.util.Arrays.fill(dims, 1L);
            int[] own = shape().dims();
            for (int i = 0; i < own.length; i++) {
                dims[rank - own.length + i] = own[i];
            }
            view = reshaped(dims);
            aligned = view;
        }
        return view;
    }

    /** The buffer seen with {@code dims}, row-major, from its start. */
    INDArray reshaped(long... dims) {
        return flat.reshape('c', dims);
    }

    private static long[] longs(int[] dims) {
        long[] result = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            result[i] = dims[i];
        }
        return result;
    }
}
