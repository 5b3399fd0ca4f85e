package org.vecnn.spi;

import static org.vecnn.spi.Checks.notNull;

import java.util.EnumSet;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.ShapeException;
import org.vecnn.TensorArgumentException;
import org.vecnn.Tensor;

/**
 * A set of kernels that creates tensors and computes on them: the type users hold
 * ({@code Backends.get()}) and the type backend authors extend.
 *
 * <p><b>For users</b>, the public methods are the whole API: they follow NumPy's semantics, validate every
 * argument (operation name and shapes in the message) before anything is allocated or computed, and come
 * in two forms, one that allocates its result and one that writes into a given {@code out} tensor
 * (NumPy's {@code out=}). Elementwise operations accept {@code out} equal to an operand (in place);
 * products and transposes do not. A backend is safe to share between threads; a tensor must not be written
 * by one thread while another uses it.
 *
 * <p><b>For backend authors</b>, the protected {@code ...Kernel} methods are the SPI. vecnn calls them only
 * with validated arguments: tensors of this backend, one dtype that {@link #capabilities()} supports, an
 * {@code out} of exactly the result's shape, and never an empty result or an empty contraction (those
 * vecnn answers itself). Four kernels are abstract: {@link #matmulKernel}, {@link #dotKernel},
 * {@link #addKernel} and {@link #multiplyKernel}. The others have reference implementations that run on
 * the host through the storage methods; override those your backend accelerates and list them in
 * {@link #capabilities()}. Storage defaults to {@link HeapTensor} Java arrays; a backend with storage of its
 * own overrides {@link #allocate}, {@link #readFloat32}, {@link #readFloat64}, {@link #writeFloat32} and
 * {@link #writeFloat64} together. Kernels must be thread-safe.
 */
public abstract class Backend {
    private static final Capabilities DEFAULT_CAPABILITIES = Capabilities.of("CPU (Java heap)",
            EnumSet.allOf(DType.class), EnumSet.of(Op.MATMUL, Op.DOT, Op.ADD, Op.MULTIPLY));

    /** For subclasses. */
    protected Backend() {
    }

    /** The name users select this backend by, as its provider gives it. */
    public abstract String name();

    /**
     * What this backend runs and where. The default: both dtypes on the Java heap, the four core operations
     * accelerated.
     */
    public Capabilities capabilities() {
        return DEFAULT_CAPABILITIES;
    }

    @Override
    public String toString() {
        return name();
    }

    // ---------------------------------------------------------------- creating and reading tensors

    /** A FLOAT32 tensor holding a copy of {@code data}, of shape {@code dims}. */
    public final Tensor fromArray(float[] data, int... dims) {
        notNull("fromArray", "dims", dims);
        return fromArray(data, Shape.of(dims));
    }

    /** A FLOAT32 tensor holding a copy of {@code data}, of {@code shape}. */
    public final Tensor fromArray(float[] data, Shape shape) {
        notNull("fromArray", "data", data);
        notNull("fromArray", "shape", shape);
        Checks.dataLength("fromArray", data.length, shape);
        Checks.supported(this, "fromArray", DType.FLOAT32);
        Tensor t = allocateChecked("fromArray", shape, DType.FLOAT32);
        writeFloat32(data, t);
        return t;
    }

    /** A FLOAT64 tensor holding a copy of {@code data}, of shape {@code dims}. */
    public final Tensor fromArray(double[] data, int... dims) {
        notNull("fromArray", "dims", dims);
        return fromArray(data, Shape.of(dims));
    }

    /** A FLOAT64 tensor holding a copy of {@code data}, of {@code shape}. */
    public final Tensor fromArray(double[] data, Shape shape) {
        notNull("fromArray", "data", data);
        notNull("fromArray", "shape", shape);
        Checks.dataLength("fromArray", data.length, shape);
        Checks.supported(this, "fromArray", DType.FLOAT64);
        Tensor t = allocateChecked("fromArray", shape, DType.FLOAT64);
        writeFloat64(data, t);
        return t;
    }

    /**
     * A tensor of {@code dtype} holding {@code data}, each value rounded once to the dtype (so exactly
     * {@code data} for FLOAT64), like {@code np.array(data, dtype=...)}.
     */
    public final Tensor fromArray(double[] data, Shape shape, DType dtype) {
        notNull("fromArray", "data", data);
        notNull("fromArray", "dtype", dtype);
        if (dtype == DType.FLOAT64) {
            return fromArray(data, shape);
        }
        float[] floats = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            floats[i] = (float) data[i];
        }
        return fromArray(floats, shape);
    }

    /** A tensor of {@code shape} and {@code dtype} filled with {@code +0.0}. */
    public final Tensor zeros(Shape shape, DType dtype) {
        notNull("zeros", "shape", shape);
        Checks.supported(this, "zeros", dtype);
        return allocateChecked("zeros", shape, dtype);
    }

    /** A tensor of {@code shape} and {@code dtype} filled with {@code value} rounded to the dtype. */
    public final Tensor full(Shape shape, DType dtype, double value) {
        Tensor t = zeros(shape, dtype);
        fill(t, value);
        return t;
    }

    /** A rank-0 tensor holding {@code value} rounded to {@code dtype}. */
    public final Tensor scalar(double value, DType dtype) {
        return full(Shape.scalar(), dtype, value);
    }

    /** A copy of {@code t}'s elements in row-major order; FLOAT64 elements are rounded to float. */
    public final float[] toFloatArray(Tensor t) {
        Checks.operand(this, "toFloatArray", "t", t);
        if (t.dtype() == DType.FLOAT32) {
            return readFloat32(t);
        }
        double[] values = readFloat64(t);
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** A copy of {@code t}'s elements in row-major order; FLOAT32 elements are widened exactly. */
    public final double[] toDoubleArray(Tensor t) {
        Checks.operand(this, "toDoubleArray", "t", t);
        return ReferenceKernels.read(this, t);
    }

    /** The element of {@code t} at {@code index}, one index per axis (negative ones count from the end). */
    public final double get(Tensor t, int... index) {
        Checks.operand(this, "get", "t", t);
        return readElement(t, Checks.flatIndex("get", t.shape(), index));
    }

    /** Overwrites FLOAT32 tensor {@code dst} with a copy of {@code data}. */
    public final void copyFrom(float[] data, Tensor dst) {
        notNull("copyFrom", "data", data);
        Checks.output(this, "copyFrom", dst, Checks.operand(this, "copyFrom", "dst", dst).shape(), DType.FLOAT32);
        Checks.dataLength("copyFrom", data.length, dst.shape());
        writeFloat32(data, dst);
    }

    /** Overwrites FLOAT64 tensor {@code dst} with a copy of {@code data}. */
    public final void copyFrom(double[] data, Tensor dst) {
        notNull("copyFrom", "data", data);
        Checks.output(this, "copyFrom", dst, Checks.operand(this, "copyFrom", "dst", dst).shape(), DType.FLOAT64);
        Checks.dataLength("copyFrom", data.length, dst.shape());
        writeFloat64(data, dst);
    }

    /** Overwrites {@code dst} with the elements of {@code src}, of the same shape and dtype. */
    public final void copy(Tensor src, Tensor dst) {
        Checks.operand(this, "copy", "src", src);
        Checks.output(this, "copy", dst, src.shape(), src.dtype());
        if (src != dst && src.size() > 0) {
            copyKernel(src, dst);
        }
    }

    /** Sets every element of {@code dst} to {@code value} rounded to its dtype. */
    public final void fill(Tensor dst, double value) {
        Checks.operand(this, "fill", "dst", dst);
        if (dst.size() > 0) {
            fillKernel(dst, ReferenceKernels.round(dst.dtype(), value));
        }
    }

    // ---------------------------------------------------------------- the four core operations

    /** {@code np.matmul(a, b)}. */
    public final Tensor matmul(Tensor a, Tensor b) {
        Checks.operands(this, "matmul", a, b);
        MatmulLayout layout = Broadcast.matmul("matmul", a.shape(), b.shape());
        Tensor out = allocateChecked("matmul", layout.resultShape(), a.dtype());
        runMatmul(a, b, out, layout);
        return out;
    }

    /** {@code np.matmul(a, b, out=out)}; {@code out} must not be {@code a} or {@code b}. */
    public final void matmul(Tensor a, Tensor b, Tensor out) {
        Checks.operands(this, "matmul", a, b);
        MatmulLayout layout = Broadcast.matmul("matmul", a.shape(), b.shape());
        Checks.output(this, "matmul", out, layout.resultShape(), a.dtype());
        Checks.notAliased("matmul", out, a, b);
        runMatmul(a, b, out, layout);
    }

    private void runMatmul(Tensor a, Tensor b, Tensor out, MatmulLayout layout) {
        if (out.size() == 0) {
            return;
        }
        if (layout.k() == 0) {
            fillKernel(out, 0.0);
            return;
        }
        matmulKernel(a, b, out, layout);
    }

    /**
     * {@code np.dot(a, b)}: a product of rank-0 operands, the inner product of vectors (a rank-0 result),
     * the matrix product of matrices, and in general the sum over the last axis of {@code a} and the only
     * axis of a 1-D {@code b}, or the second-to-last axis of {@code b}.
     */
    public final Tensor dot(Tensor a, Tensor b) {
        Checks.operands(this, "dot", a, b);
        Tensor out = allocateChecked("dot", dotShape(a, b), a.dtype());
        runDot(a, b, out);
        return out;
    }

    /** {@code np.dot(a, b, out=out)}; {@code out} must not be {@code a} or {@code b}. */
    public final void dot(Tensor a, Tensor b, Tensor out) {
        Checks.operands(this, "dot", a, b);
        Checks.output(this, "dot", out, dotShape(a, b), a.dtype());
        Checks.notAliased("dot", out, a, b);
        runDot(a, b, out);
    }

    private static Shape dotShape(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            return Broadcast.shape("dot", a.shape(), b.shape());
        }
        return b.rank() == 2 ? Broadcast.matmul("dot", a.shape(), b.shape()).resultShape()
                : Broadcast.dot("dot", a.shape(), b.shape());
    }

    private void runDot(Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (a.rank() == 0 || b.rank() == 0) {
            multiplyKernel(a, b, out);
        } else if (b.rank() == 2) {
            runMatmul(a, b, out, Broadcast.matmul("dot", a.shape(), b.shape()));
        } else if (a.shape().dim(-1) == 0) {
            fillKernel(out, 0.0);
        } else if (b.rank() == 1) {
            dotKernel(a, b, out);
        } else {
            ReferenceKernels.dotGeneral(this, a, b, out);
        }
    }

    /** {@code a + b}, broadcast. */
    public final Tensor add(Tensor a, Tensor b) {
        Tensor out = allocateBroadcast("add", a, b);
        runBinary(Op.ADD, a, b, out);
        return out;
    }

    /** {@code np.add(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public final void add(Tensor a, Tensor b, Tensor out) {
        checkBroadcastOut("add", a, b, out);
        runBinary(Op.ADD, a, b, out);
    }

    /** {@code a * b} elementwise, broadcast. */
    public final Tensor multiply(Tensor a, Tensor b) {
        Tensor out = allocateBroadcast("multiply", a, b);
        runBinary(Op.MULTIPLY, a, b, out);
        return out;
    }

    /** {@code np.multiply(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public final void multiply(Tensor a, Tensor b, Tensor out) {
        checkBroadcastOut("multiply", a, b, out);
        runBinary(Op.MULTIPLY, a, b, out);
    }

    // ---------------------------------------------------------------- the extended operations

    /** {@code a - b}, broadcast. */
    public final Tensor subtract(Tensor a, Tensor b) {
        Tensor out = allocateBroadcast("subtract", a, b);
        runBinary(Op.SUBTRACT, a, b, out);
        return out;
    }

    /** {@code np.subtract(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public final void subtract(Tensor a, Tensor b, Tensor out) {
        checkBroadcastOut("subtract", a, b, out);
        runBinary(Op.SUBTRACT, a, b, out);
    }

    /** {@code a / b} elementwise, broadcast. */
    public final Tensor divide(Tensor a, Tensor b) {
        Tensor out = allocateBroadcast("divide", a, b);
        runBinary(Op.DIVIDE, a, b, out);
        return out;
    }

    /** {@code np.divide(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public final void divide(Tensor a, Tensor b, Tensor out) {
        checkBroadcastOut("divide", a, b, out);
        runBinary(Op.DIVIDE, a, b, out);
    }

    private Tensor allocateBroadcast(String op, Tensor a, Tensor b) {
        Checks.operands(this, op, a, b);
        return allocateChecked(op, Broadcast.shape(op, a.shape(), b.shape()), a.dtype());
    }

    private void checkBroadcastOut(String op, Tensor a, Tensor b, Tensor out) {
        Checks.operands(this, op, a, b);
        Checks.output(this, op, out, Broadcast.shape(op, a.shape(), b.shape()), a.dtype());
    }

    private void runBinary(Op op, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        switch (op) {
            case ADD: addKernel(a, b, out); break;
            case MULTIPLY: multiplyKernel(a, b, out); break;
            case SUBTRACT: subtractKernel(a, b, out); break;
            case DIVIDE: divideKernel(a, b, out); break;
            default: throw new AssertionError(op);
        }
    }

    /** {@code alpha * a}, with {@code alpha} rounded to {@code a}'s dtype first (NumPy's rule for a Python scalar). */
    public final Tensor scale(Tensor a, double alpha) {
        Checks.operand(this, "scale", "a", a);
        Tensor out = allocateChecked("scale", a.shape(), a.dtype());
        scale(a, alpha, out);
        return out;
    }

    /** {@code out = alpha * a}; {@code out} may be {@code a}. */
    public final void scale(Tensor a, double alpha, Tensor out) {
        Checks.operand(this, "scale", "a", a);
        Checks.output(this, "scale", out, a.shape(), a.dtype());
        if (a.size() > 0) {
            scaleKernel(a, ReferenceKernels.round(a.dtype(), alpha), out);
        }
    }

    /**
     * {@code y += alpha * x} in place, {@code x} and {@code y} of one shape and dtype; {@code alpha} is rounded
     * to the dtype. Backends may fuse the multiply-add (BLAS {@code axpy} does), so a result may differ from
     * the reference's separately rounded product and sum by one rounding: see {@link Tolerances}.
     */
    public final void axpy(double alpha, Tensor x, Tensor y) {
        Checks.operands(this, "axpy", x, y);
        Checks.sameShape("axpy", x, y);
        if (y.size() > 0) {
            axpyKernel(ReferenceKernels.round(y.dtype(), alpha), x, y);
        }
    }

    /** {@code op} applied to each element of {@code a}. */
    public final Tensor map(UnaryOp op, Tensor a) {
        notNull("map", "op", op);
        Checks.operand(this, "map", "a", a);
        Tensor out = allocateChecked("map", a.shape(), a.dtype());
        map(op, a, out);
        return out;
    }

    /** {@code out = op(a)} elementwise; {@code out} may be {@code a}. */
    public final void map(UnaryOp op, Tensor a, Tensor out) {
        notNull("map", "op", op);
        Checks.operand(this, "map", "a", a);
        Checks.output(this, "map", out, a.shape(), a.dtype());
        if (a.size() > 0) {
            mapKernel(op.roundedTo(a.dtype()), a, out);
        }
    }

    /** {@code np.sum(a, axis, keepdims=keepDims)}; negative axes count from the end. */
    public final Tensor sum(Tensor a, int axis, boolean keepDims) {
        Checks.operand(this, "sum", "a", a);
        Tensor out = allocateChecked("sum", a.shape().reduce("sum", axis, keepDims), a.dtype());
        runReduction(Op.SUM, a, a.shape().axis("sum", axis), out);
        return out;
    }

    /** {@code np.sum(a, axis, keepdims=keepDims, out=out)}. */
    public final void sum(Tensor a, int axis, boolean keepDims, Tensor out) {
        Checks.operand(this, "sum", "a", a);
        Checks.output(this, "sum", out, a.shape().reduce("sum", axis, keepDims), a.dtype());
        Checks.notAliased("sum", out, a);
        runReduction(Op.SUM, a, a.shape().axis("sum", axis), out);
    }

    /** The sum of all elements of {@code a}, as a rank-0 tensor ({@code np.sum(a)}). */
    public final Tensor sum(Tensor a) {
        Checks.operand(this, "sum", "a", a);
        Tensor total = a;
        while (total.rank() > 0) {
            total = sum(total, 0, false);
        }
        return total == a ? copyOf(a) : total;
    }

    private Tensor copyOf(Tensor a) {
        Tensor out = allocateChecked("sum", a.shape(), a.dtype());
        copyKernel(a, out);
        return out;
    }

    /** {@code np.max(a, axis, keepdims=keepDims)}; NaN propagates. The axis must not be empty. */
    public final Tensor max(Tensor a, int axis, boolean keepDims) {
        Checks.operand(this, "max", "a", a);
        Tensor out = allocateChecked("max", a.shape().reduce("max", axis, keepDims), a.dtype());
        runReduction(Op.MAX, a, nonEmptyAxis("max", a, axis), out);
        return out;
    }

    /** {@code np.max(a, axis, keepdims=keepDims, out=out)}. */
    public final void max(Tensor a, int axis, boolean keepDims, Tensor out) {
        Checks.operand(this, "max", "a", a);
        Checks.output(this, "max", out, a.shape().reduce("max", axis, keepDims), a.dtype());
        Checks.notAliased("max", out, a);
        runReduction(Op.MAX, a, nonEmptyAxis("max", a, axis), out);
    }

    /**
     * {@code np.argmax(a, axis)}: the index of the first maximum along {@code axis} (of the first NaN if there
     * is one), for each position of the other axes in row-major order. The axis must not be empty.
     */
    public final int[] argmax(Tensor a, int axis) {
        Checks.operand(this, "argmax", "a", a);
        int normalized = nonEmptyAxis("argmax", a, axis);
        if (a.size() == 0) {
            return new int[0];
        }
        return argmaxKernel(a, normalized);
    }

    private static int nonEmptyAxis(String op, Tensor a, int axis) {
        int normalized = a.shape().axis(op, axis);
        if (a.shape().dim(normalized) == 0) {
            throw new ShapeException(op + ": axis " + axis + " of shape " + a.shape()
                    + " is empty, and the reduction has no identity");
        }
        return normalized;
    }

    private void runReduction(Op op, Tensor a, int axis, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (a.shape().dim(axis) == 0) {
            fillKernel(out, 0.0);
        } else if (op == Op.SUM) {
            sumKernel(a, axis, out);
        } else {
            maxKernel(a, axis, out);
        }
    }

    /** {@code a} with its last two axes swapped ({@code np.matrix_transpose}); rank 2 or more. */
    public final Tensor transpose(Tensor a) {
        Checks.operand(this, "transpose", "a", a);
        Checks.rankAtLeast("transpose", a, 2);
        Tensor out = allocateChecked("transpose", transposedShape(a.shape()), a.dtype());
        if (a.size() > 0) {
            transposeKernel(a, out);
        }
        return out;
    }

    /** {@code out} = {@code a} with its last two axes swapped; {@code out} must not be {@code a}. */
    public final void transpose(Tensor a, Tensor out) {
        Checks.operand(this, "transpose", "a", a);
        Checks.rankAtLeast("transpose", a, 2);
        Checks.output(this, "transpose", out, transposedShape(a.shape()), a.dtype());
        Checks.notAliased("transpose", out, a);
        if (a.size() > 0) {
            transposeKernel(a, out);
        }
    }

    private static Shape transposedShape(Shape shape) {
        int[] dims = shape.dims();
        int last = dims.length - 1;
        int swap = dims[last];
        dims[last] = dims[last - 1];
        dims[last - 1] = swap;
        return Shape.of(dims);
    }

    /** {@code aᵀ · b} for matrices {@code a} of shape (k,m) and {@code b} of shape (k,n): shape (m,n). */
    public final Tensor matmulTransposeA(Tensor a, Tensor b) {
        Shape shape = transposedProductShape("matmulTransposeA", a, b, true);
        Tensor out = allocateChecked("matmulTransposeA", shape, a.dtype());
        runTransposedProduct(true, a, b, out);
        return out;
    }

    /** {@code out = aᵀ · b}; {@code out} must not be {@code a} or {@code b}. */
    public final void matmulTransposeA(Tensor a, Tensor b, Tensor out) {
        Shape shape = transposedProductShape("matmulTransposeA", a, b, true);
        Checks.output(this, "matmulTransposeA", out, shape, a.dtype());
        Checks.notAliased("matmulTransposeA", out, a, b);
        runTransposedProduct(true, a, b, out);
    }

    /** {@code a · bᵀ} for matrices {@code a} of shape (m,k) and {@code b} of shape (n,k): shape (m,n). */
    public final Tensor matmulTransposeB(Tensor a, Tensor b) {
        Shape shape = transposedProductShape("matmulTransposeB", a, b, false);
        Tensor out = allocateChecked("matmulTransposeB", shape, a.dtype());
        runTransposedProduct(false, a, b, out);
        return out;
    }

    /** {@code out = a · bᵀ}; {@code out} must not be {@code a} or {@code b}. */
    public final void matmulTransposeB(Tensor a, Tensor b, Tensor out) {
        Shape shape = transposedProductShape("matmulTransposeB", a, b, false);
        Checks.output(this, "matmulTransposeB", out, shape, a.dtype());
        Checks.notAliased("matmulTransposeB", out, a, b);
        runTransposedProduct(false, a, b, out);
    }

    private Shape transposedProductShape(String op, Tensor a, Tensor b, boolean transposeA) {
        Checks.operands(this, op, a, b);
        Checks.matrix(op, "a", a);
        Checks.matrix(op, "b", b);
        int aInner = transposeA ? 0 : 1;
        int bInner = transposeA ? 0 : 1;
        if (a.shape().dim(aInner) != b.shape().dim(bInner)) {
            throw new ShapeException(op + ": shapes " + a.shape() + " and " + b.shape() + " are not aligned: "
                    + a.shape().dim(aInner) + " (dim " + aInner + ") != " + b.shape().dim(bInner) + " (dim "
                    + bInner + ")");
        }
        return Shape.of(a.shape().dim(1 - aInner), b.shape().dim(1 - bInner));
    }

    private void runTransposedProduct(boolean transposeA, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        int inner = a.shape().dim(transposeA ? 0 : 1);
        if (inner == 0) {
            fillKernel(out, 0.0);
        } else if (transposeA) {
            matmulTransposeAKernel(a, b, out);
        } else {
            matmulTransposeBKernel(a, b, out);
        }
    }

    // ---------------------------------------------------------------- memory budget

    /**
     * Refuses a tensor of {@code shape} and {@code dtype} that this backend cannot hold, naming the operation, the
     * shape, the bytes and the limit, before anything is committed; then allocates it.
     */
    private Tensor allocateChecked(String op, Shape shape, DType dtype) {
        checkAllocation(op, shape, dtype);
        return allocate(shape, dtype);
    }

    /**
     * Checks that one new tensor of {@code shape} and {@code dtype} fits within {@link #allocationLimit(DType)}.
     * Every allocating operation calls it; a backend that allocates temporaries of its own may call it too.
     *
     * @throws TensorArgumentException naming {@code op}, the shape, the bytes it needs and the limit
     */
    protected final void checkAllocation(String op, Shape shape, DType dtype) {
        long bytes = (long) shape.size() * dtype.byteSize();
        if (bytes <= ALWAYS_ALLOWED_BYTES) {
            return;
        }
        long limit = allocationLimit(dtype);
        if (bytes > limit) {
            System.gc();
            limit = allocationLimit(dtype);
        }
        if (bytes > limit) {
            throw new TensorArgumentException(op + ": a " + dtype.numpyName() + " result of shape " + shape
                    + " needs " + bytes + " bytes (" + mib(bytes) + "), more than backend '" + name()
                    + "' can allocate now: " + limit + " bytes (" + mib(limit) + ", " + allocationLimitSource(dtype) + ")");
        }
    }

    private static final long ALWAYS_ALLOWED_BYTES = 1 << 20;

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /**
     * The most bytes one new tensor may take now. The default, for backends that keep tensors on the Java heap:
     * the heap the JVM may still grow into, {@code Runtime.maxMemory()} less what is in use. A backend with its
     * own memory (native, device) overrides it with its own limit. Before refusing, a garbage collection is asked
     * for once and the limit read again, since unreachable tensors may hold the memory.
     */
    protected long allocationLimit(DType dtype) {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /** Where {@link #allocationLimit(DType)} comes from, for the message: by default the Java heap's -Xmx. */
    protected String allocationLimitSource(DType dtype) {
        return "the Java heap not in use, of a maximum of " + mib(Runtime.getRuntime().maxMemory()) + "; raise -Xmx";
    }

    // ---------------------------------------------------------------- SPI: storage

    /** A zero-filled tensor of this backend. Default: a {@link HeapTensor}. */
    protected Tensor allocate(Shape shape, DType dtype) {
        return new HeapTensor(this, shape, dtype);
    }

    /** Copies {@code src} (of {@code dst.size()} elements) into FLOAT32 tensor {@code dst}. */
    protected void writeFloat32(float[] src, Tensor dst) {
        System.arraycopy(src, 0, HeapTensor.floats(dst), 0, src.length);
    }

    /** Copies {@code src} (of {@code dst.size()} elements) into FLOAT64 tensor {@code dst}. */
    protected void writeFloat64(double[] src, Tensor dst) {
        System.arraycopy(src, 0, HeapTensor.doubles(dst), 0, src.length);
    }

    /** A fresh copy of FLOAT32 tensor {@code src}'s elements. */
    protected float[] readFloat32(Tensor src) {
        return HeapTensor.floats(src).clone();
    }

    /** A fresh copy of FLOAT64 tensor {@code src}'s elements. */
    protected double[] readFloat64(Tensor src) {
        return HeapTensor.doubles(src).clone();
    }

    /** The element at {@code flatIndex}. Default: read from a heap tensor, or copy everything else out. */
    protected double readElement(Tensor src, int flatIndex) {
        if (src instanceof HeapTensor) {
            HeapTensor heap = (HeapTensor) src;
            return src.dtype() == DType.FLOAT32 ? heap.floats()[flatIndex] : heap.doubles()[flatIndex];
        }
        return ReferenceKernels.read(this, src)[flatIndex];
    }

    // ---------------------------------------------------------------- SPI: core kernels

    /**
     * {@code out = np.matmul(a, b)} as {@code layout} describes it: a stack of row-major matrix products,
     * each summed over {@code layout.k() >= 1} terms. {@code out} is neither {@code a} nor {@code b}.
     */
    protected abstract void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout layout);

    /**
     * {@code out[i] = sum_k a[i, k] * b[k]} for {@code a} seen as a row-major matrix whose rows are its last
     * axis (a 1-D {@code a} is one row), 1-D {@code b} of length {@code k >= 1}, and {@code out} of shape
     * {@code a.shape[:-1]} (rank 0 when {@code a} is 1-D).
     */
    protected abstract void dotKernel(Tensor a, Tensor b, Tensor out);

    /** {@code out = a + b}, broadcast ({@link Broadcast}); {@code out} may be {@code a} or {@code b}. */
    protected abstract void addKernel(Tensor a, Tensor b, Tensor out);

    /** {@code out = a * b}, broadcast ({@link Broadcast}); {@code out} may be {@code a} or {@code b}. */
    protected abstract void multiplyKernel(Tensor a, Tensor b, Tensor out);

    // ---------------------------------------------------------------- SPI: extended kernels with reference implementations

    /** {@code out = a - b}, broadcast; {@code out} may be {@code a} or {@code b}. */
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        ReferenceKernels.binary(this, a, b, out, (x, y) -> x - y);
    }

    /** {@code out = a / b}, broadcast; {@code out} may be {@code a} or {@code b}. */
    protected void divideKernel(Tensor a, Tensor b, Tensor out) {
        ReferenceKernels.binary(this, a, b, out, (x, y) -> x / y);
    }

    /** {@code out = alpha * a}, {@code alpha} already rounded to the dtype; {@code out} may be {@code a}. */
    protected void scaleKernel(Tensor a, double alpha, Tensor out) {
        ReferenceKernels.elementwise(this, a, out, x -> alpha * x);
    }

    /** {@code y += alpha * x}, fused or not; {@code x} may be {@code y}. The reference rounds the product first. */
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        ReferenceKernels.axpy(this, alpha, x, y);
    }

    /** {@code out = op(a)} elementwise, matching {@link UnaryOp#apply(double)}; {@code out} may be {@code a}. */
    protected void mapKernel(UnaryOp op, Tensor a, Tensor out) {
        ReferenceKernels.elementwise(this, a, out, op::apply);
    }

    /** Sums along non-empty {@code axis} (non-negative) into {@code out}, laid out as {@link AxisLayout} says. */
    protected void sumKernel(Tensor a, int axis, Tensor out) {
        ReferenceKernels.sum(this, a, axis, out);
    }

    /** Maximum along non-empty {@code axis} (non-negative) into {@code out}; NaN wins. */
    protected void maxKernel(Tensor a, int axis, Tensor out) {
        ReferenceKernels.max(this, a, axis, out);
    }

    /** Index of the first maximum (or first NaN) along non-empty {@code axis}, per {@link AxisLayout} position. */
    protected int[] argmaxKernel(Tensor a, int axis) {
        return ReferenceKernels.argmax(this, a, axis);
    }

    /** {@code out} = {@code a} with its last two axes swapped; {@code a} has rank 2 or more. */
    protected void transposeKernel(Tensor a, Tensor out) {
        ReferenceKernels.transpose(this, a, out);
    }

    /** {@code out = aᵀ · b} for matrices; default: a transpose, then {@link #matmulKernel}. */
    protected void matmulTransposeAKernel(Tensor a, Tensor b, Tensor out) {
        Tensor at = allocateChecked("matmulTransposeA", transposedShape(a.shape()), a.dtype());
        transposeKernel(a, at);
        matmulKernel(at, b, out, Broadcast.matmul("matmulTransposeA", at.shape(), b.shape()));
    }

    /** {@code out = a · bᵀ} for matrices; default: a transpose, then {@link #matmulKernel}. */
    protected void matmulTransposeBKernel(Tensor a, Tensor b, Tensor out) {
        Tensor bt = allocateChecked("matmulTransposeB", transposedShape(b.shape()), b.dtype());
        transposeKernel(b, bt);
        matmulKernel(a, bt, out, Broadcast.matmul("matmulTransposeB", a.shape(), bt.shape()));
    }

    /** {@code dst = src}, same shape and dtype, distinct tensors. */
    protected void copyKernel(Tensor src, Tensor dst) {
        ReferenceKernels.elementwise(this, src, dst, x -> x);
    }

    /** Every element of {@code dst} set to {@code value}, already rounded to the dtype. */
    protected void fillKernel(Tensor dst, double value) {
        ReferenceKernels.fill(this, dst, value);
    }
}
