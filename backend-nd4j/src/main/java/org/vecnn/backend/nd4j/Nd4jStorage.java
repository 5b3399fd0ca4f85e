package org.vecnn.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Storage;

/**
 * A tensor's elements in one contiguous, row-major, off-heap ND4J buffer. Kernels see it through views that
 * share that buffer (never copies): the flat vector, a shape, a matrix at an element offset. Size 0 has no
 * buffer. {@link #release()} frees the buffer at once; otherwise JavaCPP's deallocator frees it when the
 * storage is garbage.
 */
final class Nd4jStorage implements Storage {
    private final DType dtype;
    private final int size;
    private final INDArray flat;
    private final OffHeapBudget budget;
    private volatile boolean released;
    /** The last matrix view asked for, kept because products ask for the same one again and again. */
    private volatile INDArray matrix;
    /** The last shaped view asked for, kept for the same reason (a bias added batch after batch). */
    private volatile INDArray shaped;

    Nd4jStorage(DType dtype, int size, OffHeapBudget budget) {
        this.dtype = dtype;
        this.size = size;
        this.budget = budget;
        this.flat = size == 0 ? null : allocateOutsideWorkspaces(dtype, size);
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
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
        };
    }

    static Nd4jStorage of(Storage s) {
        return (Nd4jStorage) s;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double get(int index) {
        return flat.getDouble(index);
    }

    @Override
    public void read(HostArray host) {
        if (size == 0) {
            return;
        }
        if (host instanceof HostArray.Floats f) {
            System.arraycopy(flat.data().asFloat(), 0, f.data(), 0, size);
        } else {
            System.arraycopy(flat.data().asDouble(), 0, ((HostArray.Doubles) host).data(), 0, size);
        }
    }

    @Override
    public void write(HostArray host) {
        if (size == 0) {
            return;
        }
        if (host instanceof HostArray.Floats f) {
            flat.data().setData(f.data());
        } else {
            flat.data().setData(((HostArray.Doubles) host).data());
        }
    }

    @Override
    public synchronized void release() {
        if (!released && flat != null) {
            released = true;
            flat.close();
            budget.released((long) size * dtype.byteSize());
        }
    }

    /** The elements as one vector; never called on an empty storage. */
    INDArray flat() {
        return flat;
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
     * The elements seen as {@code shape} with size-1 dimensions prepended up to {@code rank} (at least 1: ND4J's
     * rank-0 arrays do not broadcast like NumPy's, a (1) vector does), as NumPy's broadcasting does implicitly.
     */
    INDArray viewAs(Shape shape, int rank) {
        int target = Math.max(1, Math.max(rank, shape.rank()));
        long[] dims = new long[target];
        Arrays.fill(dims, 1L);
        int[] own = shape.dims();
        for (int i = 0; i < own.length; i++) {
            dims[target - own.length + i] = own[i];
        }
        INDArray view = shaped;
        if (view == null || !Arrays.equals(view.shape(), dims)) {
            view = target == 1 ? flat : reshaped(dims);
            shaped = view;
        }
        return view;
    }

    /** The buffer seen with {@code dims}, row-major, from its start. */
    INDArray reshaped(long... dims) {
        return flat.reshape('c', dims);
    }
}
