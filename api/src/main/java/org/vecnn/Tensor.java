package org.vecnn;

import java.util.concurrent.atomic.AtomicBoolean;
import org.vecnn.spi.Storage;

/**
 * An n-dimensional array of {@link DType} elements whose memory belongs to a {@link Backend}.
 *
 * <p>Shape and dtype never change. The fluent operations ({@code x.matmul(w).add(b).relu()}) follow NumPy's
 * semantics, allocate their result on the same backend and are exactly the {@link Backend} methods of the
 * same name; the backend also offers each of them writing into a given output. Data leaves the backend only
 * when read explicitly ({@link #toFloatArray()}, {@link #item()}), always as a copy. Tensors of two backends
 * or two dtypes never mix silently: convert with {@link #to(Backend)} or {@link #as(DType)}.
 *
 * <p>Only a backend creates tensors. {@link #close()} releases the memory at once (backends with native or
 * device memory benefit; heap memory is simply dropped); using a closed tensor is an error. A tensor never
 * closed is reclaimed by the garbage collector. {@link #reshape} returns a view sharing this tensor's memory:
 * closing a view releases nothing, closing the tensor it views releases the memory of both.
 *
 * <p>A tensor must not be written by one thread while another uses it.
 */
public final class Tensor implements AutoCloseable {
    private final Backend backend;
    private final Shape shape;
    private final DType dtype;
    private final Storage storage;
    private final Tensor viewOf;
    private final AtomicBoolean closed = new AtomicBoolean();

    Tensor(Backend backend, Shape shape, DType dtype, Storage storage, Tensor viewOf) {
        this.backend = backend;
        this.shape = shape;
        this.dtype = dtype;
        this.storage = storage;
        this.viewOf = viewOf;
    }

    Storage storage() {
        return storage;
    }

    Tensor viewOf() {
        return viewOf;
    }

    /** The tensor that owns this one's memory: this tensor itself, or the base of a view. */
    Tensor base() {
        return viewOf == null ? this : viewOf;
    }

    /**
     * Whether {@code a} and {@code b} overlap in memory. Views always span the whole storage of their base
     * (a reshape changes the shape, never the offset or the extent), so overlapping means sharing storage.
     */
    static boolean sharesMemory(Tensor a, Tensor b) {
        return a.storage == b.storage;
    }

    /** The backend that owns this tensor's memory and runs its operations. */
    public Backend backend() {
        return backend;
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** The number of elements. */
    public int size() {
        return shape.size();
    }

    /** Whether {@link #close()} was called on this tensor or on the tensor it is a view of. */
    public boolean isClosed() {
        return closed.get() || viewOf != null && viewOf.isClosed();
    }

    /**
     * Releases this tensor's memory now; later use of it is an error. Closing a view releases nothing and
     * leaves its base (and the base's other views) usable; closing a base releases the memory, and every view of
     * it is closed with it. Idempotent and safe from several threads: the memory is released exactly once.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && viewOf == null) {
            storage.release();
        }
    }

    // ---------------------------------------------------------------- products and arithmetic

    /** {@code np.matmul(this, other)}, the {@code @} operator. */
    public Tensor matmul(Tensor other) {
        return backend.matmul(this, other);
    }

    /** {@code np.dot(this, other)}. */
    public Tensor dot(Tensor other) {
        return backend.dot(this, other);
    }

    /** {@code this + other}, broadcast. */
    public Tensor add(Tensor other) {
        return backend.add(this, other);
    }

    /** {@code this + value}, {@code value} rounded to this tensor's dtype (NumPy's rule for a Python scalar). */
    public Tensor add(double value) {
        return backend.add(this, backend.scalar(value, dtype));
    }

    /** {@code this - other}, broadcast. */
    public Tensor subtract(Tensor other) {
        return backend.subtract(this, other);
    }

    /** {@code this - value}, {@code value} rounded to this tensor's dtype. */
    public Tensor subtract(double value) {
        return backend.subtract(this, backend.scalar(value, dtype));
    }

    /** {@code this * other} elementwise, broadcast. */
    public Tensor multiply(Tensor other) {
        return backend.multiply(this, other);
    }

    /** {@code this * value}, {@code value} rounded to this tensor's dtype. */
    public Tensor multiply(double value) {
        return backend.multiply(this, backend.scalar(value, dtype));
    }

    /** {@code this / other} elementwise, broadcast. */
    public Tensor divide(Tensor other) {
        return backend.divide(this, other);
    }

    /** {@code this / value}, {@code value} rounded to this tensor's dtype. */
    public Tensor divide(double value) {
        return backend.divide(this, backend.scalar(value, dtype));
    }

    /** {@code alpha * this}, with {@code alpha} rounded to this tensor's dtype first. */
    public Tensor scale(double alpha) {
        return backend.scale(this, alpha);
    }

    /** {@code op} applied to each element. */
    public Tensor map(UnaryOp op) {
        return backend.map(op, this);
    }

    /** {@code max(x, 0)} elementwise. */
    public Tensor relu() {
        return map(UnaryOp.RELU);
    }

    /** The logistic sigmoid elementwise. */
    public Tensor sigmoid() {
        return map(UnaryOp.SIGMOID);
    }

    /** The hyperbolic tangent elementwise. */
    public Tensor tanh() {
        return map(UnaryOp.TANH);
    }

    /** {@code e^x} elementwise. */
    public Tensor exp() {
        return map(UnaryOp.EXP);
    }

    /** The natural logarithm elementwise. */
    public Tensor log() {
        return map(UnaryOp.LOG);
    }

    // ---------------------------------------------------------------- reductions

    /** {@code np.sum(this, axis, keepdims=keepDims)}. */
    public Tensor sum(int axis, boolean keepDims) {
        return backend.sum(this, axis, keepDims);
    }

    /** {@code np.sum(this)}: the sum of all elements, as a rank-0 tensor. */
    public Tensor sum() {
        return backend.sum(this);
    }

    /** {@code np.mean(this)}: the mean of all elements, as a rank-0 tensor; NaN for an empty tensor. */
    public Tensor mean() {
        return backend.mean(this);
    }

    /** {@code np.max(this, axis, keepdims=keepDims)}; NaN wins, as in NumPy. */
    public Tensor max(int axis, boolean keepDims) {
        return backend.max(this, axis, keepDims);
    }

    /** {@code np.max(this)}: the largest element (NaN if any is NaN), as a rank-0 tensor; not for empty tensors. */
    public Tensor max() {
        return backend.max(this);
    }

    /** {@code np.argmax(this, axis)}, flattened row-major; the first maximum (or first NaN) wins. */
    public int[] argmax(int axis) {
        return backend.argmax(this, axis);
    }

    // ---------------------------------------------------------------- shape

    /** The last two axes swapped ({@code np.matrix_transpose}); for a matrix, its transpose. */
    public Tensor transpose() {
        return backend.transpose(this);
    }

    /** {@code np.transpose(this, axes)}: the axes permuted as {@code axes} lists them; a copy. */
    public Tensor transpose(int... axes) {
        return backend.permute(this, axes);
    }

    /** NumPy's {@code T}: all axes reversed; a copy (the tensor itself for rank 0 and 1). */
    public Tensor T() {
        return backend.reverseAxes(this);
    }

    /**
     * {@code np.reshape(this, dims)}: the same elements in row-major order under a new shape, as a view that
     * shares this tensor's memory (writing one changes the other). One dimension may be {@code -1}, inferred.
     */
    public Tensor reshape(int... dims) {
        return backend.reshape(this, dims);
    }

    /** {@code this[i]}: the sub-tensor at index {@code i} of the first axis (negative counts from the end); a copy. */
    public Tensor row(int i) {
        return backend.row(this, i);
    }

    /** {@code this[from:to]} along the first axis (negative bounds count from the end, clipped as NumPy does); a copy. */
    public Tensor slice(int from, int to) {
        return backend.slice(this, from, to);
    }

    // ---------------------------------------------------------------- reading data

    /** A copy of the elements in row-major order, FLOAT64 elements rounded to float. */
    public float[] toFloatArray() {
        return backend.toFloatArray(this);
    }

    /** A copy of the elements in row-major order, FLOAT32 elements widened exactly. */
    public double[] toDoubleArray() {
        return backend.toDoubleArray(this);
    }

    /** {@code a.item()}: the only element of a one-element tensor, as a double. */
    public double item() {
        return backend.item(this);
    }

    /** The element at {@code index} (one index per axis, negative ones count from the end), as a double. */
    public double getDouble(int... index) {
        return backend.get(this, index);
    }

    /** The element at {@code index} (one index per axis), as a float. */
    public float getFloat(int... index) {
        return (float) getDouble(index);
    }

    /**
     * {@code np.allclose(this, other, rtol, atol)}: whether {@code |a - b| <= atol + rtol * |b|} for every
     * broadcast pair; NaN equals nothing, an infinity only itself.
     */
    public boolean allclose(Tensor other, double rtol, double atol) {
        return backend.allclose(this, other, rtol, atol);
    }

    /** {@code np.allclose(this, other)} with NumPy's defaults {@code rtol = 1e-5}, {@code atol = 1e-8}. */
    public boolean allclose(Tensor other) {
        return allclose(other, 1e-5, 1e-8);
    }

    /**
     * {@code np.save(file, this)}: an {@code .npy} file NumPy loads bit for bit ({@code <f4} or {@code <f8},
     * C order, format 1.0), byte for byte what NumPy 2 writes for the same array. Written to exactly
     * {@code file}, created or replaced (no {@code .npy} is appended).
     */
    public void save(java.nio.file.Path file) throws java.io.IOException {
        TensorFiles.save(this, file);
    }

    // ---------------------------------------------------------------- conversion

    /** This tensor's data on {@code target}, copied; this tensor itself when it already lives there. */
    public Tensor to(Backend target) {
        if (target == null) {
            throw new TensorArgumentException("to: target backend is null");
        }
        if (target == backend) {
            return this;
        }
        return dtype == DType.FLOAT32
                ? target.fromArray(toFloatArray(), shape)
                : target.fromArray(toDoubleArray(), shape);
    }

    /** This tensor converted to {@code target} on the same backend; this tensor itself when already of it. */
    public Tensor as(DType target) {
        if (target == null) {
            throw new TensorArgumentException("as: target dtype is null");
        }
        if (target == dtype) {
            return this;
        }
        return target == DType.FLOAT32
                ? backend.fromArray(toFloatArray(), shape)
                : backend.fromArray(toDoubleArray(), shape);
    }

    /** The dtype, shape and backend, e.g. {@code Tensor(float32, (2,3), loops)}, without the data. */
    public String describe() {
        return "Tensor(" + dtype.numpyName() + ", " + shape + ", " + backend.name() + (isClosed() ? ", closed" : "") + ")";
    }

    /**
     * The values as NumPy prints an array, e.g. {@code array([[1., 2.], [3., 4.]], dtype=float32)} over
     * lines, summarised with {@code ...} when there are more than 1000 elements; {@link #describe()} for a
     * closed tensor.
     */
    @Override
    public String toString() {
        return isClosed() ? describe() : TensorFormat.format(this);
    }
}
