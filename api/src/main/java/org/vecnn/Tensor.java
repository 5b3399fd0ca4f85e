package org.vecnn;

import java.util.Objects;
import org.vecnn.spi.Backend;
import org.vecnn.spi.UnaryOp;

/**
 * An n-dimensional array of {@link DType} elements whose storage belongs to a {@link Backend}.
 *
 * <p>Shape and dtype never change. The fluent operations ({@code x.matmul(w).add(b).relu()}) follow NumPy's
 * semantics, allocate their result on the same backend and are exactly the {@link Backend} methods of the
 * same name; the backend also offers each of them writing into a given output, and in-place updates. Data
 * leaves the backend only when read explicitly ({@link #toFloatArray()}, {@link #getDouble(int...)}),
 * always as a copy. Tensors of two backends or two dtypes never mix silently: convert with
 * {@link #to(Backend)} or {@link #as(DType)}.
 *
 * <p>Backends subclass this type to attach their storage; users never do.
 */
public abstract class Tensor {
    private final Backend backend;
    private final Shape shape;
    private final DType dtype;

    /** For backends: a tensor of {@code shape} and {@code dtype} whose storage {@code backend} owns. */
    protected Tensor(Backend backend, Shape shape, DType dtype) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
    }

    /** The backend that owns this tensor's storage and runs its operations. */
    public final Backend backend() {
        return backend;
    }

    /** The shape. */
    public final Shape shape() {
        return shape;
    }

    /** The element type. */
    public final DType dtype() {
        return dtype;
    }

    /** The number of dimensions. */
    public final int rank() {
        return shape.rank();
    }

    /** The number of elements. */
    public final int size() {
        return shape.size();
    }

    /** {@code np.matmul(this, other)}. */
    public final Tensor matmul(Tensor other) {
        return backend.matmul(this, other);
    }

    /** {@code np.dot(this, other)}. */
    public final Tensor dot(Tensor other) {
        return backend.dot(this, other);
    }

    /** {@code this + other}, broadcast. */
    public final Tensor add(Tensor other) {
        return backend.add(this, other);
    }

    /** {@code this - other}, broadcast. */
    public final Tensor subtract(Tensor other) {
        return backend.subtract(this, other);
    }

    /** {@code this * other} elementwise, broadcast. */
    public final Tensor multiply(Tensor other) {
        return backend.multiply(this, other);
    }

    /** {@code this / other} elementwise, broadcast. */
    public final Tensor divide(Tensor other) {
        return backend.divide(this, other);
    }

    /** {@code alpha * this}, with {@code alpha} rounded to this tensor's dtype first. */
    public final Tensor scale(double alpha) {
        return backend.scale(this, alpha);
    }

    /** {@code op} applied to each element. */
    public final Tensor map(UnaryOp op) {
        return backend.map(op, this);
    }

    /** {@code max(x, 0)} elementwise. */
    public final Tensor relu() {
        return map(UnaryOp.RELU);
    }

    /** The logistic sigmoid elementwise. */
    public final Tensor sigmoid() {
        return map(UnaryOp.SIGMOID);
    }

    /** The hyperbolic tangent elementwise. */
    public final Tensor tanh() {
        return map(UnaryOp.TANH);
    }

    /** {@code e^x} elementwise. */
    public final Tensor exp() {
        return map(UnaryOp.EXP);
    }

    /** The natural logarithm elementwise. */
    public final Tensor log() {
        return map(UnaryOp.LOG);
    }

    /** {@code np.sum(this, axis, keepdims=keepDims)}. */
    public final Tensor sum(int axis, boolean keepDims) {
        return backend.sum(this, axis, keepDims);
    }

    /** The sum of all elements, as a rank-0 tensor. */
    public final Tensor sum() {
        return backend.sum(this);
    }

    /** {@code np.max(this, axis, keepdims=keepDims)}; NaN wins, as in NumPy. */
    public final Tensor max(int axis, boolean keepDims) {
        return backend.max(this, axis, keepDims);
    }

    /** {@code np.argmax(this, axis)}, flattened row-major; the first maximum (or first NaN) wins. */
    public final int[] argmax(int axis) {
        return backend.argmax(this, axis);
    }

    /** The last two axes swapped ({@code np.matrix_transpose}); for a matrix, its transpose. */
    public final Tensor transpose() {
        return backend.transpose(this);
    }

    /** A copy of the elements in row-major order, FLOAT64 elements rounded to float. */
    public final float[] toFloatArray() {
        return backend.toFloatArray(this);
    }

    /** A copy of the elements in row-major order, FLOAT32 elements widened exactly. */
    public final double[] toDoubleArray() {
        return backend.toDoubleArray(this);
    }

    /** The element at {@code index} (one index per axis), as a double. */
    public final double getDouble(int... index) {
        return backend.get(this, index);
    }

    /** The element at {@code index} (one index per axis), as a float. */
    public final float getFloat(int... index) {
        return (float) getDouble(index);
    }

    /** This tensor's data on {@code target}, copied; this tensor itself when it already lives there. */
    public final Tensor to(Backend target) {
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
    public final Tensor as(DType target) {
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

    /** The dtype, shape and backend, e.g. {@code Tensor(float32, (2,3), loops)}; never the data. */
    @Override
    public String toString() {
        return "Tensor(" + dtype.numpyName() + ", " + shape + ", " + backend.name() + ")";
    }
}
