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

    // ---------------------------------------------------------------- NumPy's everyday surface, part two

    /** {@code np.abs(this)}. */
    public Tensor abs() {
        return backend.abs(this);
    }

    /** {@code np.sqrt(this)}: NaN for negative elements. */
    public Tensor sqrt() {
        return backend.sqrt(this);
    }

    /** {@code np.square(this)}. */
    public Tensor square() {
        return backend.square(this);
    }

    /** {@code np.negative(this)}, {@code -this}. */
    public Tensor negative() {
        return backend.negative(this);
    }

    /** {@code np.power(this, exponent)}, the exponent rounded to this tensor's dtype; C's {@code pow}. */
    public Tensor pow(double exponent) {
        return backend.power(this, backend.scalar(exponent, dtype));
    }

    /** {@code np.power(this, exponent)}, broadcast; C's {@code pow}. */
    public Tensor pow(Tensor exponent) {
        return backend.power(this, exponent);
    }

    /** {@code np.clip(this, lo, hi)}: NaN stays NaN; {@code lo > hi} gives {@code hi}. */
    public Tensor clip(double lo, double hi) {
        return backend.clip(this, lo, hi);
    }

    /** {@code np.maximum(this, other)}, broadcast; NaN if either is NaN. */
    public Tensor maximum(Tensor other) {
        return backend.maximum(this, other);
    }

    /** {@code np.maximum(this, value)}, the value rounded to this tensor's dtype. */
    public Tensor maximum(double value) {
        return backend.maximum(this, backend.scalar(value, dtype));
    }

    /** {@code np.minimum(this, other)}, broadcast; NaN if either is NaN. */
    public Tensor minimum(Tensor other) {
        return backend.minimum(this, other);
    }

    /** {@code np.minimum(this, value)}, the value rounded to this tensor's dtype. */
    public Tensor minimum(double value) {
        return backend.minimum(this, backend.scalar(value, dtype));
    }

    /**
     * {@code this > other}, broadcast, as a mask of this tensor's dtype: 1.0 where it holds, 0.0 where not
     * (vecnn has no bool dtype); false wherever a NaN is compared.
     */
    public Tensor greater(Tensor other) {
        return backend.greater(this, other);
    }

    /** {@code this > value} as a 0/1 mask, the value rounded to this tensor's dtype. */
    public Tensor greater(double value) {
        return backend.greater(this, backend.scalar(value, dtype));
    }

    /** {@code this >= other} as a 0/1 mask of this tensor's dtype. */
    public Tensor greaterEqual(Tensor other) {
        return backend.greaterEqual(this, other);
    }

    /** {@code this >= value} as a 0/1 mask. */
    public Tensor greaterEqual(double value) {
        return backend.greaterEqual(this, backend.scalar(value, dtype));
    }

    /** {@code this < other} as a 0/1 mask of this tensor's dtype. */
    public Tensor less(Tensor other) {
        return backend.less(this, other);
    }

    /** {@code this < value} as a 0/1 mask. */
    public Tensor less(double value) {
        return backend.less(this, backend.scalar(value, dtype));
    }

    /** {@code this <= other} as a 0/1 mask of this tensor's dtype. */
    public Tensor lessEqual(Tensor other) {
        return backend.lessEqual(this, other);
    }

    /** {@code this <= value} as a 0/1 mask. */
    public Tensor lessEqual(double value) {
        return backend.lessEqual(this, backend.scalar(value, dtype));
    }

    /** {@code this == other} as a 0/1 mask of this tensor's dtype ({@code -0.0 == 0.0}; NaN equals nothing). */
    public Tensor equal(Tensor other) {
        return backend.equal(this, other);
    }

    /** {@code this == value} as a 0/1 mask. */
    public Tensor equal(double value) {
        return backend.equal(this, backend.scalar(value, dtype));
    }

    /** {@code this != other} as a 0/1 mask of this tensor's dtype (1 where either is NaN). */
    public Tensor notEqual(Tensor other) {
        return backend.notEqual(this, other);
    }

    /** {@code this != value} as a 0/1 mask. */
    public Tensor notEqual(double value) {
        return backend.notEqual(this, backend.scalar(value, dtype));
    }

    /** {@code np.min(this)}: the smallest element (NaN if any is NaN), as a rank-0 tensor; not for empty tensors. */
    public Tensor min() {
        return backend.min(this);
    }

    /** {@code np.min(this, axis, keepdims=keepDims)}; NaN wins, as in NumPy. */
    public Tensor min(int axis, boolean keepDims) {
        return backend.min(this, axis, keepDims);
    }

    /** {@code np.prod(this)}: the product of all elements, as a rank-0 tensor (1 when empty). */
    public Tensor prod() {
        return backend.prod(this);
    }

    /** {@code np.prod(this, axis, keepdims=keepDims)}; 1 over an empty axis. */
    public Tensor prod(int axis, boolean keepDims) {
        return backend.prod(this, axis, keepDims);
    }

    /** {@code np.mean(this, axis, keepdims=keepDims)}; NaN over an empty axis. */
    public Tensor mean(int axis, boolean keepDims) {
        return backend.mean(this, axis, keepDims);
    }

    /** {@code np.var(this)}: the population variance of all elements (ddof 0), as a rank-0 tensor. */
    public Tensor var() {
        return backend.var(this);
    }

    /** {@code np.var(this, ddof=ddof)} of all elements, e.g. {@code varAll(1)} for the sample variance. */
    public Tensor varAll(int ddof) {
        return backend.varAll(this, ddof);
    }

    /** {@code np.var(this, axis, keepdims=keepDims)}, ddof 0. */
    public Tensor var(int axis, boolean keepDims) {
        return backend.var(this, axis, keepDims, 0);
    }

    /** {@code np.var(this, axis, ddof=ddof, keepdims=keepDims)}. */
    public Tensor var(int axis, boolean keepDims, int ddof) {
        return backend.var(this, axis, keepDims, ddof);
    }

    /** {@code np.std(this)}: the population standard deviation of all elements (ddof 0), as a rank-0 tensor. */
    public Tensor std() {
        return backend.std(this);
    }

    /** {@code np.std(this, ddof=ddof)} of all elements, e.g. {@code stdAll(1)} for the sample standard deviation. */
    public Tensor stdAll(int ddof) {
        return backend.stdAll(this, ddof);
    }

    /** {@code np.std(this, axis, keepdims=keepDims)}, ddof 0. */
    public Tensor std(int axis, boolean keepDims) {
        return backend.std(this, axis, keepDims, 0);
    }

    /** {@code np.std(this, axis, ddof=ddof, keepdims=keepDims)}. */
    public Tensor std(int axis, boolean keepDims, int ddof) {
        return backend.std(this, axis, keepDims, ddof);
    }

    /** {@code np.argmax(this)}: the flat (row-major) index of the first maximum, or of the first NaN. */
    public int argmax() {
        return backend.argmax(this);
    }

    /** {@code np.argmin(this)}: the flat (row-major) index of the first minimum, or of the first NaN. */
    public int argmin() {
        return backend.argmin(this);
    }

    /** {@code np.argmin(this, axis)}, flattened row-major; the first minimum (or first NaN) wins. */
    public int[] argmin(int axis) {
        return backend.argmin(this, axis);
    }

    /** {@code this[index]}: one element (one index per axis, negative ones count from the end), as a double. */
    public double get(int... index) {
        return backend.get(this, index);
    }

    /** {@code this[index] = value}: one element set, {@code value} rounded to the dtype; returns this tensor. */
    public Tensor set(double value, int... index) {
        backend.set(this, value, index);
        return this;
    }

    /** {@code this[..., from:to:step]} along {@code axis}, Python's slicing rules; a copy. See {@link Backend#slice(Tensor, int, int, int, int)}. */
    public Tensor slice(int axis, int from, int to, int step) {
        return backend.slice(this, axis, from, to, step);
    }

    /** {@code np.take(this, indices, axis)}: the sub-tensors at {@code indices} along {@code axis}. */
    public Tensor take(int[] indices, int axis) {
        return backend.take(this, indices, axis);
    }

    /** {@code np.take(this, indices)}: the elements of the flattened tensor at {@code indices}. */
    public Tensor take(int... indices) {
        return backend.take(this, indices);
    }

    /** {@code np.split(this, sections, axis)}: equal pieces along {@code axis}, copies. */
    public Tensor[] split(int sections, int axis) {
        return backend.split(this, sections, axis);
    }

    /** {@code this.flatten()}: a 1-D copy. */
    public Tensor flatten() {
        return backend.flatten(this);
    }

    /** {@code np.ravel(this)}: a 1-D view sharing this tensor's memory. */
    public Tensor ravel() {
        return backend.ravel(this);
    }

    /** {@code np.squeeze(this)}: every axis of length 1 removed; a view. */
    public Tensor squeeze() {
        return backend.squeeze(this);
    }

    /** {@code np.squeeze(this, axis=axes)}: the given axes, each of length 1, removed; a view. */
    public Tensor squeeze(int... axes) {
        return backend.squeeze(this, axes);
    }

    /** {@code np.expand_dims(this, axis)}: a new axis of length 1 at {@code axis}; a view. */
    public Tensor expandDims(int axis) {
        return backend.expandDims(this, axis);
    }

    /** {@code this.astype(dtype)}: always a copy (unlike {@link #as(DType)}, which returns this tensor when already of it). */
    public Tensor astype(DType dtype) {
        return backend.astype(this, dtype);
    }
}
