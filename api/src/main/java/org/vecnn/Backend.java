package org.vecnn;

import static org.vecnn.Checks.notNull;

import java.util.Arrays;
import java.util.Random;
import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.BinaryFunction;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.HeapStorage;
import org.vecnn.spi.HostArray;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.ReduceOp;
import org.vecnn.spi.Storage;

/**
 * A backend as users hold it ({@code Backends.get()}): creates tensors and computes on them with NumPy's
 * semantics.
 *
 * <p>Every operation validates its arguments first (the message names the operation and the shapes), then
 * computes the plan its kernel needs, allocates, and only then runs the backend's kernel, so bad input gives
 * an exception and never a wrong answer or a crash. Every operation comes in two forms: one allocates its
 * result, one writes into a given {@code out} tensor (NumPy's {@code out=}), so a loop can run without
 * allocating. Elementwise operations accept {@code out} equal to an operand (in place); products,
 * reductions and transposes do not. A backend is safe to share between threads; a tensor must not be written
 * by one thread while another uses it.
 *
 * <p>Backends come from {@link Backends}; backend authors implement {@link Kernels} instead.
 */
public final class Backend implements AutoCloseable {
    private final String name;
    private final Kernels kernels;
    private final Capabilities capabilities;

    private Backend(String name, Kernels kernels) {
        this.name = name;
        this.kernels = kernels;
        this.capabilities = new Capabilities(kernels.device(), kernels.dtypes(), kernels.overridden());
    }

    /**
     * A backend named {@code name} running {@code kernels}: what {@link Backends} does with each provider's
     * kernels, offered for tests of a backend that has no services file (the TCK's {@code createBackend()}).
     */
    public static Backend of(String name, Kernels kernels) {
        notNull("Backend.of", "name", name);
        notNull("Backend.of", "kernels", kernels);
        if (kernels.dtypes() == null || kernels.dtypes().isEmpty()) {
            throw new TensorArgumentException("Backend.of: backend '" + name + "' runs no dtype");
        }
        return new Backend(name, kernels);
    }

    /** The name users select this backend by. */
    public String name() {
        return name;
    }

    /** What this backend runs and where; which primitives it implements itself is derived from its code. */
    public Capabilities capabilities() {
        return capabilities;
    }

    long maxElements(DType dtype) {
        return kernels.maxElements(dtype);
    }

    long allocationLimit(DType dtype) {
        return kernels.allocationLimit(dtype);
    }

    String allocationLimitSource(DType dtype) {
        return kernels.allocationLimitSource(dtype);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Releases what the backend holds beyond tensors, such as worker threads, now rather than when they next
     * idle out. Tensors stay valid and the backend stays usable: a later operation acquires what it needs again.
     * Call it when an application stops using vecnn (an application server's undeploy); {@link Backends#close()}
     * does it for every backend {@link Backends} created.
     */
    @Override
    public void close() {
        kernels.close();
    }

    // ---------------------------------------------------------------- allocation

    private Tensor allocate(String op, Shape shape, DType dtype) {
        Checks.supported(this, op, dtype);
        Checks.allocatable(this, op, shape, dtype);
        Tensor t = new Tensor(this, shape, dtype, kernels.allocate(shape.size(), dtype), null);
        Scope.register(t);
        return t;
    }

    private static Storage s(Tensor t) {
        return t.storage();
    }

    // ---------------------------------------------------------------- creating tensors

    /** A FLOAT32 tensor holding a copy of {@code data}, of shape {@code dims}. */
    public Tensor fromArray(float[] data, int... dims) {
        notNull("fromArray", "dims", dims);
        return fromArray(data, Shape.of(dims));
    }

    /** A FLOAT32 tensor holding a copy of {@code data}, of {@code shape}. */
    public Tensor fromArray(float[] data, Shape shape) {
        notNull("fromArray", "data", data);
        notNull("fromArray", "shape", shape);
        Checks.dataLength("fromArray", data.length, shape);
        Tensor t = allocate("fromArray", shape, DType.FLOAT32);
        s(t).write(new HostArray.Floats(data));
        return t;
    }

    /** A FLOAT64 tensor holding a copy of {@code data}, of shape {@code dims}. */
    public Tensor fromArray(double[] data, int... dims) {
        notNull("fromArray", "dims", dims);
        return fromArray(data, Shape.of(dims));
    }

    /** A FLOAT64 tensor holding a copy of {@code data}, of {@code shape}. */
    public Tensor fromArray(double[] data, Shape shape) {
        notNull("fromArray", "data", data);
        notNull("fromArray", "shape", shape);
        Checks.dataLength("fromArray", data.length, shape);
        Tensor t = allocate("fromArray", shape, DType.FLOAT64);
        s(t).write(new HostArray.Doubles(data));
        return t;
    }

    /**
     * A tensor of {@code dtype} holding {@code data}, each value rounded once to the dtype (so exactly
     * {@code data} for FLOAT64), like {@code np.array(data, dtype=...)}.
     */
    public Tensor fromArray(double[] data, Shape shape, DType dtype) {
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

    /** {@code np.zeros(shape, dtype)}: every element {@code +0.0}. */
    public Tensor zeros(Shape shape, DType dtype) {
        notNull("zeros", "shape", shape);
        return allocate("zeros", shape, dtype);
    }

    /** {@code np.ones(shape, dtype)}. */
    public Tensor ones(Shape shape, DType dtype) {
        return full(shape, dtype, 1.0);
    }

    /** {@code np.full(shape, value, dtype)}: every element {@code value} rounded to the dtype. */
    public Tensor full(Shape shape, DType dtype, double value) {
        Tensor t = zeros(shape, dtype);
        fill(t, value);
        return t;
    }

    /** A rank-0 tensor holding {@code value} rounded to {@code dtype}. */
    public Tensor scalar(double value, DType dtype) {
        return full(Shape.scalar(), dtype, value);
    }

    /** {@code np.arange(stop, dtype=...)}: {@code 0, 1, ..., stop - 1}. */
    public Tensor arange(int stop, DType dtype) {
        return arange(0, stop, 1, dtype);
    }

    /**
     * {@code np.arange(start, stop, step, dtype=...)}: {@code ceil((stop - start) / step)} values
     * {@code start + i * step} (computed in double, then rounded to the dtype); empty when that count is not
     * positive.
     *
     * @throws TensorArgumentException if {@code step} is 0 or an argument is not finite
     */
    public Tensor arange(double start, double stop, double step, DType dtype) {
        if (!Double.isFinite(start) || !Double.isFinite(stop) || !Double.isFinite(step) || step == 0) {
            throw new TensorArgumentException("arange: start, stop and step must be finite and step non-zero, got "
                    + start + ", " + stop + ", " + step);
        }
        double count = Math.ceil((stop - start) / step);
        if (count > Integer.MAX_VALUE) {
            throw new ShapeException("arange: " + count + " values are more than " + Integer.MAX_VALUE);
        }
        int n = (int) Math.max(count, 0);
        Checks.supported(this, "arange", dtype);
        Checks.allocatable(this, "arange", Shape.of(n), dtype);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return fromArray(values, Shape.of(n), dtype);
    }

    /** {@code np.eye(n, dtype=...)}: the {@code n x n} identity. */
    public Tensor eye(int n, DType dtype) {
        Shape shape = Shape.of(n, n);
        Checks.supported(this, "eye", dtype);
        Checks.allocatable(this, "eye", shape, dtype);
        double[] values = new double[shape.size()];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1.0;
        }
        return fromArray(values, shape, dtype);
    }

    /**
     * Uniform values in [0, 1) of shape {@code dims}: element {@code i} (row-major) is the {@code i}-th
     * {@code nextDouble()} of {@code new java.util.Random(seed)}, rounded to the dtype. Java specifies that
     * generator exactly, so a seed gives the same tensor on every backend, JVM and machine.
     */
    public Tensor rand(long seed, DType dtype, int... dims) {
        return random("rand", seed, dtype, dims, false);
    }

    /**
     * Standard normal values of shape {@code dims}: element {@code i} is the {@code i}-th
     * {@code nextGaussian()} of {@code new java.util.Random(seed)}, rounded to the dtype; the same on every
     * backend, JVM and machine.
     */
    public Tensor randn(long seed, DType dtype, int... dims) {
        return random("randn", seed, dtype, dims, true);
    }

    private Tensor random(String op, long seed, DType dtype, int[] dims, boolean gaussian) {
        notNull(op, "dims", dims);
        Shape shape = Shape.of(dims);
        Checks.supported(this, op, dtype);
        Checks.allocatable(this, op, shape, dtype);
        Random random = new Random(seed);
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = gaussian ? random.nextGaussian() : random.nextDouble();
        }
        return fromArray(values, shape, dtype);
    }

    // ---------------------------------------------------------------- NumPy's files

    /**
     * {@code np.load(file)} of an {@code .npy} file: its array as a tensor on this backend, float32 for
     * {@code f4}, float64 for {@code f8}, integer and bool arrays converted exactly to float64 (a value float64
     * cannot hold is refused, never rounded). Versions 1.0-3.0, either byte order, C or Fortran order. The rules
     * in full, and what is refused, are {@link org.vecnn.io.Npy}'s.
     *
     * @throws org.vecnn.io.NpyFormatException naming the file for a file that is not NumPy's format, is truncated
     *     or holds a dtype vecnn does not load; checked before the body is allocated
     * @throws TensorArgumentException if the array does not fit this backend's limits or memory
     */
    public Tensor load(java.nio.file.Path file) throws java.io.IOException {
        return TensorFiles.load(this, file, null);
    }

    /** As {@link #load(java.nio.file.Path)}, converted to {@code dtype} while reading (float64 to float32 rounds). */
    public Tensor load(java.nio.file.Path file, DType dtype) throws java.io.IOException {
        notNull("load", "dtype", dtype);
        return TensorFiles.load(this, file, dtype);
    }

    /**
     * {@code dict(np.load(file))} of an {@code .npz} archive: every array, by name ({@code x} for the entry
     * {@code x.npy}) in the archive's order, loaded as {@link #load(java.nio.file.Path)} loads one; stored and
     * deflated entries. If one array fails, those already loaded are closed.
     */
    public java.util.Map<String, Tensor> loadAll(java.nio.file.Path file) throws java.io.IOException {
        return TensorFiles.loadAll(this, file, null);
    }

    /** As {@link #loadAll(java.nio.file.Path)}, every array converted to {@code dtype} while reading. */
    public java.util.Map<String, Tensor> loadAll(java.nio.file.Path file, DType dtype) throws java.io.IOException {
        notNull("loadAll", "dtype", dtype);
        return TensorFiles.loadAll(this, file, dtype);
    }

    /**
     * {@code np.savez(file, **tensors)}: an {@code .npz} archive of stored entries, {@code name.npy} per tensor
     * in the map's order, each as {@link Tensor#save} writes it. The tensors may live on any backend.
     */
    public void saveAll(java.nio.file.Path file, java.util.Map<String, Tensor> tensors) throws java.io.IOException {
        TensorFiles.saveAll(file, tensors, false);
    }

    /** {@code np.savez_compressed(file, **tensors)}: as {@link #saveAll}, the entries deflated. */
    public void saveAllCompressed(java.nio.file.Path file, java.util.Map<String, Tensor> tensors)
            throws java.io.IOException {
        TensorFiles.saveAll(file, tensors, true);
    }

    // ---------------------------------------------------------------- reading and writing data

    /** A copy of {@code t}'s elements in row-major order; FLOAT64 elements are rounded to float. */
    public float[] toFloatArray(Tensor t) {
        Checks.operand(this, "toFloatArray", "t", t);
        if (t.dtype() == DType.FLOAT32) {
            float[] data = new float[t.size()];
            s(t).read(new HostArray.Floats(data));
            return data;
        }
        double[] values = toDoubleArray(t);
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** A copy of {@code t}'s elements in row-major order; FLOAT32 elements are widened exactly. */
    public double[] toDoubleArray(Tensor t) {
        Checks.operand(this, "toDoubleArray", "t", t);
        return read(t);
    }

    private static double[] read(Tensor t) {
        HostArray host = HostArray.zeros(t.dtype(), t.size());
        s(t).read(host);
        if (host instanceof HostArray.Doubles d) {
            return d.data();
        }
        double[] values = new double[host.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = host.get(i);
        }
        return values;
    }

    /** The element of {@code t} at {@code index}, one index per axis (negative ones count from the end). */
    public double get(Tensor t, int... index) {
        Checks.operand(this, "get", "t", t);
        return s(t).get(Checks.flatIndex("get", t.shape(), index));
    }

    /** {@code t.item()}: the only element of a one-element tensor. */
    public double item(Tensor t) {
        Checks.operand(this, "item", "t", t);
        if (t.size() != 1) {
            throw new ShapeException("item: can only convert a tensor of one element, got shape " + t.shape());
        }
        return get(t, new int[t.rank()]);
    }

    /** Overwrites FLOAT32 tensor {@code dst} with a copy of {@code data}. */
    public void copyFrom(float[] data, Tensor dst) {
        notNull("copyFrom", "data", data);
        Checks.output(this, "copyFrom", dst, Checks.operand(this, "copyFrom", "dst", dst).shape(), DType.FLOAT32);
        Checks.dataLength("copyFrom", data.length, dst.shape());
        s(dst).write(new HostArray.Floats(data));
    }

    /**
     * Overwrites FLOAT32 tensor {@code dst} with {@code data[offset .. offset + dst.size())}, NumPy's
     * {@code dst[...] = data[offset:offset + dst.size].reshape(dst.shape)}: a batch of rows straight out of a
     * dataset's array, without a copy of its own first.
     *
     * @throws TensorArgumentException if the range does not lie within {@code data}
     */
    public void copyFrom(float[] data, int offset, Tensor dst) {
        notNull("copyFrom", "data", data);
        Checks.output(this, "copyFrom", dst, Checks.operand(this, "copyFrom", "dst", dst).shape(), DType.FLOAT32);
        Checks.range("copyFrom", data.length, offset, dst.shape());
        s(dst).write(new HostArray.Floats(data), offset);
    }

    /** {@link #copyFrom(float[], int, Tensor)} for a FLOAT64 tensor {@code dst}. */
    public void copyFrom(double[] data, int offset, Tensor dst) {
        notNull("copyFrom", "data", data);
        Checks.output(this, "copyFrom", dst, Checks.operand(this, "copyFrom", "dst", dst).shape(), DType.FLOAT64);
        Checks.range("copyFrom", data.length, offset, dst.shape());
        s(dst).write(new HostArray.Doubles(data), offset);
    }

    /** Overwrites FLOAT64 tensor {@code dst} with a copy of {@code data}. */
    public void copyFrom(double[] data, Tensor dst) {
        notNull("copyFrom", "data", data);
        Checks.output(this, "copyFrom", dst, Checks.operand(this, "copyFrom", "dst", dst).shape(), DType.FLOAT64);
        Checks.dataLength("copyFrom", data.length, dst.shape());
        s(dst).write(new HostArray.Doubles(data));
    }

    /** Overwrites {@code dst} with the elements of {@code src}, of the same shape and dtype. */
    public void copy(Tensor src, Tensor dst) {
        Checks.operand(this, "copy", "src", src);
        Checks.output(this, "copy", dst, src.shape(), src.dtype());
        if (s(src) != s(dst) && src.size() > 0) {
            kernels.copy(s(src), s(dst));
        }
    }

    /** Sets every element of {@code dst} to {@code value} rounded to its dtype. */
    public void fill(Tensor dst, double value) {
        Checks.operand(this, "fill", "dst", dst);
        if (dst.size() > 0) {
            kernels.fill(round(dst.dtype(), value), s(dst));
        }
    }

    private static double round(DType dtype, double value) {
        return dtype == DType.FLOAT32 ? (float) value : value;
    }

    // ---------------------------------------------------------------- products

    /** {@code np.matmul(a, b)}. */
    public Tensor matmul(Tensor a, Tensor b) {
        Checks.operands(this, "matmul", a, b);
        ProductPlan plan = ProductPlan.matmul("matmul", a.shape(), b.shape());
        Tensor out = allocate("matmul", plan.resultShape(), a.dtype());
        runProduct(plan, a, b, out);
        return out;
    }

    /** {@code np.matmul(a, b, out=out)}; {@code out} must not be {@code a} or {@code b}. */
    public void matmul(Tensor a, Tensor b, Tensor out) {
        Checks.operands(this, "matmul", a, b);
        ProductPlan plan = ProductPlan.matmul("matmul", a.shape(), b.shape());
        Checks.output(this, "matmul", out, plan.resultShape(), a.dtype());
        Checks.notAliased("matmul", out, a, b);
        runProduct(plan, a, b, out);
    }

    private void runProduct(ProductPlan plan, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (plan.k() == 0) {
            kernels.fill(0.0, s(out));
        } else if (plan.isStandard()) {
            kernels.matmul(plan, s(a), s(b), s(out));
        } else {
            kernels.product(plan, s(a), s(b), s(out));
        }
    }

    /**
     * {@code np.dot(a, b)}: a product of rank-0 operands, the inner product of vectors (a rank-0 result),
     * the matrix product of matrices, and in general the sum over the last axis of {@code a} and the only
     * axis of a 1-D {@code b}, or the second-to-last axis of {@code b}.
     *
     * <p>Unlike NumPy, vecnn never takes BLAS's shortcut for a zero factor: {@code np.dot(0.0, [inf, nan])}
     * gives {@code [0, 0]} in NumPy (through BLAS {@code axpy}), {@code [nan, nan]} here, as IEEE
     * arithmetic says and on every backend alike.
     */
    public Tensor dot(Tensor a, Tensor b) {
        Checks.operands(this, "dot", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            return multiply(a, b);
        }
        ProductPlan plan = ProductPlan.dot("dot", a.shape(), b.shape());
        Tensor out = allocate("dot", plan.resultShape(), a.dtype());
        runDot(plan, a, b, out);
        return out;
    }

    /** {@code np.dot(a, b, out=out)}; {@code out} must not be {@code a} or {@code b}. */
    public void dot(Tensor a, Tensor b, Tensor out) {
        Checks.operands(this, "dot", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            Checks.output(this, "dot", out, Broadcast.shape("dot", a.shape(), b.shape()), a.dtype());
            Checks.notAliased("dot", out, a, b);
            multiply(a, b, out);
            return;
        }
        ProductPlan plan = ProductPlan.dot("dot", a.shape(), b.shape());
        Checks.output(this, "dot", out, plan.resultShape(), a.dtype());
        Checks.notAliased("dot", out, a, b);
        runDot(plan, a, b, out);
    }

    private void runDot(ProductPlan plan, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (plan.k() == 0) {
            kernels.fill(0.0, s(out));
        } else if (b.rank() == 1) {
            kernels.dot(plan, s(a), s(b), s(out));
        } else {
            runProduct(plan, a, b, out);
        }
    }

    /** {@code aᵀ · b} for matrices {@code a} of shape (k,m) and {@code b} of shape (k,n): shape (m,n). */
    public Tensor matmulTransposeA(Tensor a, Tensor b) {
        return transposedProduct("matmulTransposeA", a, b, true, null);
    }

    /** {@code out = aᵀ · b}; {@code out} must not be {@code a} or {@code b}. */
    public void matmulTransposeA(Tensor a, Tensor b, Tensor out) {
        transposedProduct("matmulTransposeA", a, b, true, Checks.notNull("matmulTransposeA", "out", out));
    }

    /** {@code a · bᵀ} for matrices {@code a} of shape (m,k) and {@code b} of shape (n,k): shape (m,n). */
    public Tensor matmulTransposeB(Tensor a, Tensor b) {
        return transposedProduct("matmulTransposeB", a, b, false, null);
    }

    /** {@code out = a · bᵀ}; {@code out} must not be {@code a} or {@code b}. */
    public void matmulTransposeB(Tensor a, Tensor b, Tensor out) {
        transposedProduct("matmulTransposeB", a, b, false, Checks.notNull("matmulTransposeB", "out", out));
    }

    private Tensor transposedProduct(String op, Tensor a, Tensor b, boolean transposeA, Tensor out) {
        Checks.operands(this, op, a, b);
        ProductPlan plan = ProductPlan.transposed(op, a.shape(), b.shape(), transposeA, !transposeA);
        if (out == null) {
            out = allocate(op, plan.resultShape(), a.dtype());
        } else {
            Checks.output(this, op, out, plan.resultShape(), a.dtype());
            Checks.notAliased(op, out, a, b);
        }
        runProduct(plan, a, b, out);
        return out;
    }

    /**
     * {@code c += alpha · op(a) · op(b)} in place for matrices (BLAS's gemm with {@code beta = 1}), where
     * {@code op} transposes when asked: an SGD step straight from a weight gradient's product,
     * {@code w -= lr · xᵀ·dz}, without the gradient ever being stored. {@code alpha} is rounded to the dtype;
     * {@code c} must be neither operand. Backends may add each element's whole sum with one fused
     * multiply-add, or block by block: within the product's tolerance of the product followed by {@link #axpy}.
     */
    public void addProduct(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c) {
        String op = "addProduct";
        Checks.operands(this, op, a, b);
        ProductPlan plan = ProductPlan.transposed(op, a.shape(), b.shape(), transposeA, transposeB);
        Checks.output(this, op, c, plan.resultShape(), a.dtype());
        Checks.notAliased(op, c, a, b);
        if (c.size() == 0) {
            return;
        }
        double rounded = round(c.dtype(), alpha);
        if (plan.k() > 0) {
            kernels.addProduct(plan, rounded, s(a), s(b), s(c));
        } else {
            Storage zeros = kernels.allocate(c.size(), c.dtype());     // an empty sum is +0.0; c += alpha * 0
            try {
                kernels.axpy(rounded, zeros, s(c));
            } finally {
                zeros.release();
            }
        }
    }

    // ---------------------------------------------------------------- elementwise arithmetic

    /** {@code a + b}, broadcast. */
    public Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b);
    }

    /** {@code np.add(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public void add(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.ADD, a, b, out);
    }

    /** {@code a * b} elementwise, broadcast. */
    public Tensor multiply(Tensor a, Tensor b) {
        return binary(BinaryOp.MULTIPLY, a, b);
    }

    /** {@code np.multiply(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public void multiply(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.MULTIPLY, a, b, out);
    }

    /** {@code a - b}, broadcast. */
    public Tensor subtract(Tensor a, Tensor b) {
        return binary(BinaryOp.SUBTRACT, a, b);
    }

    /** {@code np.subtract(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public void subtract(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.SUBTRACT, a, b, out);
    }

    /** {@code a / b} elementwise, broadcast. */
    public Tensor divide(Tensor a, Tensor b) {
        return binary(BinaryOp.DIVIDE, a, b);
    }

    /** {@code np.divide(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public void divide(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.DIVIDE, a, b, out);
    }

    private Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = op.numpyName();
        Checks.operands(this, name, a, b);
        BroadcastPlan plan = Broadcast.plan(name, a.shape(), b.shape());
        Tensor out = allocate(name, plan.result(), a.dtype());
        runBinary(op, plan, a, b, out);
        return out;
    }

    private void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        String name = op.numpyName();
        Checks.operands(this, name, a, b);
        BroadcastPlan plan = Broadcast.plan(name, a.shape(), b.shape());
        Checks.output(this, name, out, plan.result(), a.dtype());
        runBinary(op, plan, a, b, out);
    }

    private void runBinary(BinaryOp op, BroadcastPlan plan, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        switch (op) {
            case ADD -> kernels.add(plan, s(a), s(b), s(out));
            case MULTIPLY -> kernels.multiply(plan, s(a), s(b), s(out));
            default -> kernels.binary(op, plan, s(a), s(b), s(out));
        }
    }

    /** {@code alpha * a}, with {@code alpha} rounded to {@code a}'s dtype first (NumPy's rule for a Python scalar). */
    public Tensor scale(Tensor a, double alpha) {
        Checks.operand(this, "scale", "a", a);
        Tensor out = allocate("scale", a.shape(), a.dtype());
        scale(a, alpha, out);
        return out;
    }

    /** {@code out = alpha * a}; {@code out} may be {@code a}. */
    public void scale(Tensor a, double alpha, Tensor out) {
        Checks.operand(this, "scale", "a", a);
        Checks.output(this, "scale", out, a.shape(), a.dtype());
        if (a.size() > 0) {
            kernels.scale(round(a.dtype(), alpha), s(a), s(out));
        }
    }

    /**
     * {@code y += alpha * x} in place, {@code x} and {@code y} of one shape and dtype; {@code alpha} is rounded
     * to the dtype. Backends may fuse the multiply-add (BLAS {@code axpy} does), so a result may differ from
     * the reference's separately rounded product and sum by one rounding. NaN and infinities in {@code x}
     * reach {@code y} even when {@code alpha} is 0.
     */
    public void axpy(double alpha, Tensor x, Tensor y) {
        Checks.operands(this, "axpy", x, y);
        Checks.sameShape("axpy", x, y);
        if (y.size() > 0) {
            kernels.axpy(round(y.dtype(), alpha), s(x), s(y));
        }
    }

    /** {@code op} applied to each element of {@code a}. */
    public Tensor map(UnaryOp op, Tensor a) {
        notNull("map", "op", op);
        Checks.operand(this, "map", "a", a);
        Tensor out = allocate("map", a.shape(), a.dtype());
        map(op, a, out);
        return out;
    }

    /** {@code out = op(a)} elementwise; {@code out} may be {@code a}. */
    public void map(UnaryOp op, Tensor a, Tensor out) {
        notNull("map", "op", op);
        Checks.operand(this, "map", "a", a);
        Checks.output(this, "map", out, a.shape(), a.dtype());
        if (a.size() > 0) {
            kernels.unary(op.roundedTo(a.dtype()), s(a), s(out));
        }
    }

    // ---------------------------------------------------------------- the dense layer's fused steps

    /**
     * A dense layer's forward step in one call: {@code z = x · w + bias} (bias added to every row), then
     * {@code a = activation(z)}. {@code x} is (m,k), {@code w} (k,n), {@code bias} (n,), {@code z} and
     * {@code a} (m,n); {@code a} may be {@code z}; with a null {@code activation}, {@code a} is ignored and
     * {@code z} is the output. Backends may fuse the steps; the result is the sequence's within the product's
     * tolerance.
     */
    public void denseForward(Tensor x, Tensor w, Tensor bias, UnaryOp activation, Tensor z, Tensor a) {
        String op = "denseForward";
        Checks.operands(this, op, x, w);
        ProductPlan plan = ProductPlan.transposed(op, x.shape(), w.shape(), false, false);
        Checks.operands(this, op, x, Checks.notNull(op, "bias", bias));
        if (!bias.shape().equals(Shape.of(plan.n()))) {
            throw new ShapeException(op + ": bias has shape " + bias.shape() + ", expected (" + plan.n() + ",) for w of shape " + w.shape());
        }
        Checks.output(this, op, z, plan.resultShape(), x.dtype());
        Checks.notAliased(op, z, x, w, bias);
        if (activation != null) {
            Checks.output(this, op, a, plan.resultShape(), x.dtype());
            Checks.notAliased(op, a, x, w, bias);
        }
        if (z.size() == 0) {
            return;
        }
        UnaryOp rounded = activation == null ? null : activation.roundedTo(x.dtype());
        if (plan.k() == 0) {
            kernels.fill(0.0, s(z));
            kernels.add(Broadcast.plan(op, z.shape(), bias.shape()), s(z), s(bias), s(z));
            if (rounded != null) {
                kernels.unary(rounded, s(z), s(a));
            }
            return;
        }
        kernels.denseForward(plan, s(x), s(w), s(bias), rounded, s(z), rounded == null ? s(z) : s(a));
    }

    /**
     * A classifier's output step in one call: {@code probabilities = softmax(logits)} row by row,
     * {@code gradient = (probabilities - targets) / rows}, and the returned mean over rows of the cross-entropy
     * {@code -Σ_j targets_j · log probabilities_j}. {@code logits} and {@code targets} are (rows, classes) of one
     * dtype with at least one row and one class; {@code targets} holds one-hot rows or class probabilities.
     * Each row is shifted by its maximum first, so large logits do not overflow. The outputs have the logits'
     * shape and dtype and alias neither each other nor the inputs. Agrees with the composed operations within
     * {@link Tolerances#softmaxCrossEntropy}.
     *
     * @throws ShapeException if the logits are not a non-empty matrix or the other tensors differ in shape
     */
    public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor probabilities, Tensor gradient) {
        String op = "softmaxCrossEntropy";
        Checks.operands(this, op, logits, targets);
        Checks.matrix(op, "logits", logits);
        Checks.sameShape(op, logits, targets);
        int rows = logits.shape().dim(0);
        int columns = logits.shape().dim(1);
        if (rows == 0 || columns == 0) {
            throw new ShapeException(op + ": logits of shape " + logits.shape() + " have no " + (rows == 0 ? "rows" : "classes"));
        }
        Checks.output(this, op, probabilities, logits.shape(), logits.dtype());
        Checks.output(this, op, gradient, logits.shape(), logits.dtype());
        Storage p = s(probabilities);
        Storage g = s(gradient);
        if (p == s(logits) || p == s(targets) || g == s(logits) || g == s(targets) || g == p) {
            throw new TensorArgumentException(op + ": probabilities and gradient must be tensors of their own,"
                    + " sharing storage with neither each other nor the logits or targets");
        }
        return kernels.softmaxCrossEntropy(rows, columns, s(logits), s(targets), s(probabilities), s(gradient));
    }

    /**
     * A dense layer's backward step through its activation in one call: {@code out = derivative(z) * gradient}
     * elementwise; all three of one shape; {@code out} may be {@code gradient}.
     */
    public void activationBackward(UnaryOp derivative, Tensor z, Tensor gradient, Tensor out) {
        String op = "activationBackward";
        notNull(op, "derivative", derivative);
        Checks.operands(this, op, z, gradient);
        Checks.sameShape(op, z, gradient);
        Checks.output(this, op, out, z.shape(), z.dtype());
        Checks.notAliased(op, out, z);
        if (z.size() > 0) {
            kernels.activationBackward(derivative.roundedTo(z.dtype()), s(z), s(gradient), s(out));
        }
    }

    // ---------------------------------------------------------------- reductions

    /** {@code np.sum(a, axis, keepdims=keepDims)}; negative axes count from the end. */
    public Tensor sum(Tensor a, int axis, boolean keepDims) {
        Checks.operand(this, "sum", "a", a);
        Tensor out = allocate("sum", a.shape().reduce("sum", axis, keepDims), a.dtype());
        runReduction(ReduceOp.SUM, a, a.shape().axis("sum", axis), out);
        return out;
    }

    /** {@code np.sum(a, axis, keepdims=keepDims, out=out)}. */
    public void sum(Tensor a, int axis, boolean keepDims, Tensor out) {
        Checks.operand(this, "sum", "a", a);
        Checks.output(this, "sum", out, a.shape().reduce("sum", axis, keepDims), a.dtype());
        Checks.notAliased("sum", out, a);
        runReduction(ReduceOp.SUM, a, a.shape().axis("sum", axis), out);
    }

    /** {@code np.sum(a)}: the sum of all elements, as a rank-0 tensor ({@code +0.0} when empty). */
    public Tensor sum(Tensor a) {
        Checks.operand(this, "sum", "a", a);
        return sum(flat(a), 0, false);
    }

    /** {@code np.mean(a)}: the sum of all elements divided by their count, as a rank-0 tensor; NaN when empty. */
    public Tensor mean(Tensor a) {
        Checks.operand(this, "mean", "a", a);
        Tensor total = sum(a);
        divide(total, scalar(a.size(), a.dtype()), total);
        return total;
    }

    /** {@code np.max(a, axis, keepdims=keepDims)}; NaN propagates. The axis must not be empty. */
    public Tensor max(Tensor a, int axis, boolean keepDims) {
        Checks.operand(this, "max", "a", a);
        Tensor out = allocate("max", a.shape().reduce("max", axis, keepDims), a.dtype());
        runReduction(ReduceOp.MAX, a, nonEmptyAxis("max", a, axis), out);
        return out;
    }

    /** {@code np.max(a, axis, keepdims=keepDims, out=out)}. */
    public void max(Tensor a, int axis, boolean keepDims, Tensor out) {
        Checks.operand(this, "max", "a", a);
        Checks.output(this, "max", out, a.shape().reduce("max", axis, keepDims), a.dtype());
        Checks.notAliased("max", out, a);
        runReduction(ReduceOp.MAX, a, nonEmptyAxis("max", a, axis), out);
    }

    /** {@code np.max(a)}: the largest element (NaN if there is one), as a rank-0 tensor; {@code a} not empty. */
    public Tensor max(Tensor a) {
        Checks.operand(this, "max", "a", a);
        if (a.size() == 0) {
            throw new ShapeException("max: zero-size tensor of shape " + a.shape() + " has no maximum");
        }
        return max(flat(a), 0, false);
    }

    /**
     * {@code np.argmax(a, axis)}: the index of the first maximum along {@code axis} (of the first NaN if there
     * is one), for each position of the other axes in row-major order. The axis must not be empty.
     */
    public int[] argmax(Tensor a, int axis) {
        Checks.operand(this, "argmax", "a", a);
        int normalized = nonEmptyAxis("argmax", a, axis);
        if (a.size() == 0) {
            return new int[0];
        }
        return kernels.argmax(AxisLayout.of(a.shape(), normalized), s(a));
    }

    private static int nonEmptyAxis(String op, Tensor a, int axis) {
        int normalized = a.shape().axis(op, axis);
        if (a.shape().dim(normalized) == 0) {
            throw new ShapeException(op + ": axis " + axis + " of shape " + a.shape()
                    + " is empty, and the reduction has no identity");
        }
        return normalized;
    }

    private void runReduction(ReduceOp op, Tensor a, int axis, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (a.shape().dim(axis) == 0) {
            kernels.fill(0.0, s(out));
        } else {
            kernels.reduce(op, AxisLayout.of(a.shape(), axis), s(a), s(out));
        }
    }

    // ---------------------------------------------------------------- shapes and views

    /** {@code a} with its last two axes swapped ({@code np.matrix_transpose}); rank 2 or more. */
    public Tensor transpose(Tensor a) {
        Checks.operand(this, "transpose", "a", a);
        Checks.rankAtLeast("transpose", a, 2);
        Tensor out = allocate("transpose", transposedShape(a.shape()), a.dtype());
        runTranspose(a, out);
        return out;
    }

    /** {@code out} = {@code a} with its last two axes swapped; {@code out} must not be {@code a}. */
    public void transpose(Tensor a, Tensor out) {
        Checks.operand(this, "transpose", "a", a);
        Checks.rankAtLeast("transpose", a, 2);
        Checks.output(this, "transpose", out, transposedShape(a.shape()), a.dtype());
        Checks.notAliased("transpose", out, a);
        runTranspose(a, out);
    }

    private void runTranspose(Tensor a, Tensor out) {
        if (a.size() > 0) {
            int rows = a.shape().dim(-2);
            int columns = a.shape().dim(-1);
            kernels.transpose(a.size() / (rows * columns), rows, columns, s(a), s(out));
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

    /** {@code np.transpose(a, axes)}: axis {@code i} of the result is axis {@code axes[i]} of {@code a}; a copy. */
    public Tensor permute(Tensor a, int... axes) {
        Checks.operand(this, "transpose", "a", a);
        notNull("transpose", "axes", axes);
        int rank = a.rank();
        if (axes.length != rank) {
            throw new TensorArgumentException("transpose: axes " + Arrays.toString(axes) + " don't match shape " + a.shape());
        }
        int[] normalized = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            normalized[i] = a.shape().axis("transpose", axes[i]);
            if (seen[normalized[i]]) {
                throw new TensorArgumentException("transpose: repeated axis in " + Arrays.toString(axes));
            }
            seen[normalized[i]] = true;
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = a.shape().dim(normalized[i]);
        }
        Shape shape = Shape.of(dims);
        if (rank >= 2 && isLastTwoSwapped(normalized)) {
            return transpose(a);
        }
        Tensor out = allocate("transpose", shape, a.dtype());
        if (a.size() == 0) {
            return out;
        }
        HostArray source = HostArray.zeros(a.dtype(), a.size());
        s(a).read(source);
        HostArray target = HostArray.zeros(a.dtype(), a.size());
        int[] sourceStrides = a.shape().strides();
        int[] index = new int[rank];
        for (int i = 0; i < target.length(); i++) {
            int from = 0;
            for (int axis = 0; axis < rank; axis++) {
                from += index[axis] * sourceStrides[normalized[axis]];
            }
            target.set(i, source.get(from));
            for (int axis = rank - 1; axis >= 0 && ++index[axis] == dims[axis]; axis--) {
                index[axis] = 0;
            }
        }
        s(out).write(target);
        return out;
    }

    private static boolean isLastTwoSwapped(int[] axes) {
        int rank = axes.length;
        for (int i = 0; i < rank - 2; i++) {
            if (axes[i] != i) {
                return false;
            }
        }
        return axes[rank - 2] == rank - 1 && axes[rank - 1] == rank - 2;
    }

    /** NumPy's {@code a.T}: all axes reversed; a copy, or {@code a} itself for rank 0 and 1 (as NumPy's view). */
    public Tensor reverseAxes(Tensor a) {
        Checks.operand(this, "T", "a", a);
        if (a.rank() < 2) {
            return a;
        }
        int[] axes = new int[a.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes.length - 1 - i;
        }
        return permute(a, axes);
    }

    /**
     * {@code np.reshape(a, dims)}: a view of {@code a}'s memory under a new shape of the same size; one
     * dimension may be {@code -1}, inferred from the others.
     */
    public Tensor reshape(Tensor a, int... dims) {
        Checks.operand(this, "reshape", "a", a);
        notNull("reshape", "dims", dims);
        Shape shape = Shape.inferred("reshape", a.shape(), dims);
        Tensor root = a;
        while (root.viewOf() != null) {
            root = root.viewOf();
        }
        return new Tensor(this, shape, a.dtype(), s(a), root);
    }

    private Tensor flat(Tensor a) {
        return reshape(a, a.size());
    }

    /** {@code a[i]}: the sub-tensor at index {@code i} of the first axis (negative counts from the end); a copy. */
    public Tensor row(Tensor a, int i) {
        Checks.operand(this, "row", "a", a);
        Checks.rankAtLeast("row", a, 1);
        int n = a.shape().dim(0);
        int index = i < 0 ? i + n : i;
        if (index < 0 || index >= n) {
            throw new TensorArgumentException("row: index " + i + " is out of bounds for axis 0 with size " + n);
        }
        int[] dims = Arrays.copyOfRange(a.shape().dims(), 1, a.rank());
        return range("row", a, index, 1, Shape.of(dims));
    }

    /** {@code a[from:to]} along the first axis, bounds clipped and counted from the end as NumPy does; a copy. */
    public Tensor slice(Tensor a, int from, int to) {
        Checks.operand(this, "slice", "a", a);
        Checks.rankAtLeast("slice", a, 1);
        int n = a.shape().dim(0);
        int start = clip(from < 0 ? from + n : from, n);
        int stop = clip(to < 0 ? to + n : to, n);
        int rows = Math.max(stop - start, 0);
        int[] dims = a.shape().dims();
        dims[0] = rows;
        return range("slice", a, start, rows, Shape.of(dims));
    }

    private static int clip(int i, int n) {
        return Math.max(0, Math.min(i, n));
    }

    private Tensor range(String op, Tensor a, int firstRow, int rows, Shape shape) {
        Tensor out = allocate(op, shape, a.dtype());
        if (out.size() == 0) {
            return out;
        }
        int rowSize = a.shape().dim(0) == 0 ? 0 : a.size() / a.shape().dim(0);
        if (s(a) instanceof HeapStorage heap) {
            Object from = heap.array() instanceof HostArray.Floats f ? f.data() : ((HostArray.Doubles) heap.array()).data();
            HostArray part = HostArray.zeros(a.dtype(), out.size());
            Object to = part instanceof HostArray.Floats f ? f.data() : ((HostArray.Doubles) part).data();
            System.arraycopy(from, firstRow * rowSize, to, 0, out.size());
            s(out).write(part);
            return out;
        }
        HostArray source = HostArray.zeros(a.dtype(), a.size());
        s(a).read(source);
        HostArray target = HostArray.zeros(a.dtype(), out.size());
        for (int i = 0; i < out.size(); i++) {
            target.set(i, source.get(firstRow * rowSize + i));
        }
        s(out).write(target);
        return out;
    }

    /**
     * {@code np.allclose(a, b, rtol, atol)}: whether {@code |a - b| <= atol + rtol * |b|} for every broadcast
     * pair of elements; NaN is close to nothing, an infinity only to itself.
     */
    public boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        Checks.operands(this, "allclose", a, b);
        BroadcastPlan plan = Broadcast.plan("allclose", a.shape(), b.shape());
        double[] x = read(a);
        double[] y = read(b);
        for (int row = 0; row < plan.rows(); row++) {
            for (int c = 0; c < plan.columns(); c++) {
                double u = x[plan.aRowStart(row) + c * plan.aColumnStep()];
                double v = y[plan.bRowStart(row) + c * plan.bColumnStep()];
                boolean close = Double.isInfinite(u) || Double.isInfinite(v) ? u == v
                        : Math.abs(u - v) <= atol + rtol * Math.abs(v);
                if (!close) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- creation, part two (NumPy's defaults)

    /** {@code np.zeros(dims)}: FLOAT64, NumPy's default dtype, every element {@code +0.0}. */
    public Tensor zeros(int... dims) {
        notNull("zeros", "dims", dims);
        return zeros(Shape.of(dims), DType.FLOAT64);
    }

    /** {@code np.ones(dims)}: FLOAT64, NumPy's default dtype. */
    public Tensor ones(int... dims) {
        notNull("ones", "dims", dims);
        return ones(Shape.of(dims), DType.FLOAT64);
    }

    /** {@code np.zeros_like(t)}: {@code t}'s shape and dtype, every element {@code +0.0}. */
    public Tensor zerosLike(Tensor t) {
        Checks.operand(this, "zerosLike", "t", t);
        return zeros(t.shape(), t.dtype());
    }

    /** {@code np.ones_like(t)}: {@code t}'s shape and dtype, every element 1. */
    public Tensor onesLike(Tensor t) {
        Checks.operand(this, "onesLike", "t", t);
        return ones(t.shape(), t.dtype());
    }

    /** {@code np.full_like(t, value)}: {@code t}'s shape and dtype, every element {@code value} rounded to it. */
    public Tensor fullLike(Tensor t, double value) {
        Checks.operand(this, "fullLike", "t", t);
        return full(t.shape(), t.dtype(), value);
    }

    /**
     * {@code np.array(data)} of Java ints, of shape {@code dims}: FLOAT64 (vecnn has no integer dtype), which
     * holds every {@code int} exactly.
     */
    public Tensor fromArray(int[] data, int... dims) {
        notNull("fromArray", "dims", dims);
        return fromArray(data, Shape.of(dims), DType.FLOAT64);
    }

    /** {@code np.array(data, dtype=...)} of Java ints: each converted to the dtype (FLOAT32 rounds above 2^24). */
    public Tensor fromArray(int[] data, Shape shape, DType dtype) {
        notNull("fromArray", "data", data);
        double[] values = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = data[i];
        }
        return fromArray(values, shape, dtype);
    }

    /** {@code np.array(rows)}: a FLOAT64 matrix of equally long rows. */
    public Tensor array(double[][] rows) {
        return fromArray(Nested.flatten("array", rows), Nested.shape("array", rows));
    }

    /** {@code np.array(rows, dtype=np.float32)}: a FLOAT32 matrix of equally long rows. */
    public Tensor array(float[][] rows) {
        return fromArray(Nested.flatten("array", rows), Nested.shape("array", rows));
    }

    /** {@code np.array(blocks)}: a FLOAT64 tensor of rank 3 from equally shaped matrices. */
    public Tensor array(double[][][] blocks) {
        return fromArray(Nested.flatten("array", blocks), Nested.shape("array", blocks));
    }

    /** {@code np.array(blocks, dtype=np.float32)}: a FLOAT32 tensor of rank 3 from equally shaped matrices. */
    public Tensor array(float[][][] blocks) {
        return fromArray(Nested.flatten("array", blocks), Nested.shape("array", blocks));
    }

    /** {@code np.linspace(start, stop, num)}: FLOAT64, the endpoint included. */
    public Tensor linspace(double start, double stop, int num) {
        return linspace(start, stop, num, true, DType.FLOAT64);
    }

    /** {@code np.linspace(start, stop, num, dtype=...)}, the endpoint included. */
    public Tensor linspace(double start, double stop, int num, DType dtype) {
        return linspace(start, stop, num, true, dtype);
    }

    /**
     * {@code np.linspace(start, stop, num, endpoint, dtype=...)}, computed as NumPy computes it, in double:
     * {@code i * step + start} with {@code step = (stop - start) / div} ({@code div} is {@code num - 1} with the
     * endpoint, {@code num} without), the last value set to {@code stop} exactly when the endpoint is included,
     * then rounded to the dtype.
     *
     * @throws TensorArgumentException if {@code num} is negative or a bound is not finite
     */
    public Tensor linspace(double start, double stop, int num, boolean endpoint, DType dtype) {
        if (num < 0 || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new TensorArgumentException("linspace: num must be non-negative and start, stop finite, got "
                    + start + ", " + stop + ", num=" + num);
        }
        Checks.supported(this, "linspace", dtype);
        Checks.allocatable(this, "linspace", Shape.of(num), dtype);
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        double step = delta / div;
        double[] values = new double[num];
        for (int i = 0; i < num; i++) {
            double offset = div <= 0 ? i * delta : step == 0 ? i / (double) div * delta : i * step;
            values[i] = offset + start;
        }
        if (endpoint && num > 1) {
            values[num - 1] = stop;
        }
        return fromArray(values, Shape.of(num), dtype);
    }

    // ---------------------------------------------------------------- reductions, part two

    /** {@code np.min(a, axis, keepdims=keepDims)}; NaN propagates. The axis must not be empty. */
    public Tensor min(Tensor a, int axis, boolean keepDims) {
        Checks.operand(this, "min", "a", a);
        Tensor out = allocate("min", a.shape().reduce("min", axis, keepDims), a.dtype());
        runAxisReduction(false, a, nonEmptyAxis("min", a, axis), out);
        return out;
    }

    /** {@code np.min(a, axis, keepdims=keepDims, out=out)}; {@code out} must not be {@code a}. */
    public void min(Tensor a, int axis, boolean keepDims, Tensor out) {
        Checks.operand(this, "min", "a", a);
        Checks.output(this, "min", out, a.shape().reduce("min", axis, keepDims), a.dtype());
        Checks.notAliased("min", out, a);
        runAxisReduction(false, a, nonEmptyAxis("min", a, axis), out);
    }

    /** {@code np.min(a)}: the smallest element (NaN if there is one), as a rank-0 tensor; {@code a} not empty. */
    public Tensor min(Tensor a) {
        Checks.operand(this, "min", "a", a);
        if (a.size() == 0) {
            throw new ShapeException("min: zero-size tensor of shape " + a.shape() + " has no minimum");
        }
        return min(flat(a), 0, false);
    }

    /** {@code np.prod(a, axis, keepdims=keepDims)}; 1 over an empty axis. */
    public Tensor prod(Tensor a, int axis, boolean keepDims) {
        Checks.operand(this, "prod", "a", a);
        Tensor out = allocate("prod", a.shape().reduce("prod", axis, keepDims), a.dtype());
        runAxisReduction(true, a, a.shape().axis("prod", axis), out);
        return out;
    }

    /** {@code np.prod(a, axis, keepdims=keepDims, out=out)}; {@code out} must not be {@code a}. */
    public void prod(Tensor a, int axis, boolean keepDims, Tensor out) {
        Checks.operand(this, "prod", "a", a);
        Checks.output(this, "prod", out, a.shape().reduce("prod", axis, keepDims), a.dtype());
        Checks.notAliased("prod", out, a);
        runAxisReduction(true, a, a.shape().axis("prod", axis), out);
    }

    /** {@code np.prod(a)}: the product of all elements, as a rank-0 tensor (1 when empty). */
    public Tensor prod(Tensor a) {
        Checks.operand(this, "prod", "a", a);
        return prod(flat(a), 0, false);
    }

    /** {@code prod} when {@code product}, else {@code min} (whose callers refuse an empty axis first). */
    private void runAxisReduction(boolean product, Tensor a, int axis, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (a.shape().dim(axis) == 0) {
            kernels.fill(1.0, s(out));
            return;
        }
        AxisLayout layout = AxisLayout.of(a.shape(), axis);
        if (product) {
            kernels.prod(layout, s(a), s(out));
        } else {
            kernels.min(layout, s(a), s(out));
        }
    }

    /**
     * {@code np.argmin(a, axis)}: the index of the first minimum along {@code axis} (of the first NaN if there
     * is one), for each position of the other axes in row-major order. The axis must not be empty.
     */
    public int[] argmin(Tensor a, int axis) {
        Checks.operand(this, "argmin", "a", a);
        int normalized = nonEmptyAxis("argmin", a, axis);
        if (a.size() == 0) {
            return new int[0];
        }
        return kernels.argmin(AxisLayout.of(a.shape(), normalized), s(a));
    }

    /** {@code np.argmin(a)}: the flat (row-major) index of the first minimum, or of the first NaN. */
    public int argmin(Tensor a) {
        Checks.operand(this, "argmin", "a", a);
        if (a.size() == 0) {
            throw new ShapeException("argmin: attempt to get argmin of an empty sequence (shape " + a.shape() + ")");
        }
        return argmin(flat(a), 0)[0];
    }

    /** {@code np.argmax(a)}: the flat (row-major) index of the first maximum, or of the first NaN. */
    public int argmax(Tensor a) {
        Checks.operand(this, "argmax", "a", a);
        if (a.size() == 0) {
            throw new ShapeException("argmax: attempt to get argmax of an empty sequence (shape " + a.shape() + ")");
        }
        return argmax(flat(a), 0)[0];
    }

    /** {@code np.mean(a, axis, keepdims=keepDims)}: the sum along the axis divided by its length; NaN when empty. */
    public Tensor mean(Tensor a, int axis, boolean keepDims) {
        Checks.operand(this, "mean", "a", a);
        Tensor out = allocate("mean", a.shape().reduce("mean", axis, keepDims), a.dtype());
        mean(a, axis, keepDims, out);
        return out;
    }

    /** {@code np.mean(a, axis, keepdims=keepDims, out=out)}; {@code out} must not be {@code a}. */
    public void mean(Tensor a, int axis, boolean keepDims, Tensor out) {
        Checks.operand(this, "mean", "a", a);
        Checks.output(this, "mean", out, a.shape().reduce("mean", axis, keepDims), a.dtype());
        Checks.notAliased("mean", out, a);
        int normalized = a.shape().axis("mean", axis);
        runReduction(ReduceOp.SUM, a, normalized, out);
        divideByCount(out, a.shape().dim(normalized));
    }

    private void divideByCount(Tensor out, double count) {
        if (out.size() > 0) {
            Tensor n = scalar(count, out.dtype());
            runBinary(BinaryOp.DIVIDE, Broadcast.plan("divide", out.shape(), n.shape()), out, n, out);
            n.close();
        }
    }

    /** {@code np.var(a)}: the variance of all elements, as a rank-0 tensor; NaN when empty. */
    public Tensor var(Tensor a) {
        return varAll(a, 0);
    }

    /** {@code np.var(a, ddof=ddof)}: all elements, the squared deviations divided by {@code max(size - ddof, 0)}. */
    public Tensor varAll(Tensor a, int ddof) {
        Checks.operand(this, "var", "a", a);
        return var(flat(a), 0, false, ddof);
    }

    /**
     * {@code np.var(a, axis, ddof=ddof, keepdims=keepDims)}, computed as NumPy computes it: the mean along the
     * axis (kept), the deviations {@code a - mean} squared, their sum along the axis divided by
     * {@code max(n - ddof, 0)}, {@code n} the axis' length (so NaN for an empty axis, an infinity or NaN when
     * {@code ddof >= n}, as NumPy gives with a warning).
     */
    public Tensor var(Tensor a, int axis, boolean keepDims, int ddof) {
        Checks.operand(this, "var", "a", a);
        Tensor out = allocate("var", a.shape().reduce("var", axis, keepDims), a.dtype());
        var(a, axis, keepDims, ddof, out);
        return out;
    }

    /** {@code np.var(a, axis, ddof=ddof, keepdims=keepDims, out=out)}; {@code out} must not be {@code a}. */
    public void var(Tensor a, int axis, boolean keepDims, int ddof, Tensor out) {
        variance("var", a, axis, keepDims, ddof, out);
    }

    /** {@code np.std(a)}: the standard deviation of all elements, as a rank-0 tensor; NaN when empty. */
    public Tensor std(Tensor a) {
        return stdAll(a, 0);
    }

    /** {@code np.std(a, ddof=ddof)}: the square root of {@link #varAll(Tensor, int)}. */
    public Tensor stdAll(Tensor a, int ddof) {
        Checks.operand(this, "std", "a", a);
        return std(flat(a), 0, false, ddof);
    }

    /** {@code np.std(a, axis, ddof=ddof, keepdims=keepDims)}: the square root of {@link #var(Tensor, int, boolean, int)}. */
    public Tensor std(Tensor a, int axis, boolean keepDims, int ddof) {
        Checks.operand(this, "std", "a", a);
        Tensor out = allocate("std", a.shape().reduce("std", axis, keepDims), a.dtype());
        std(a, axis, keepDims, ddof, out);
        return out;
    }

    /** {@code np.std(a, axis, ddof=ddof, keepdims=keepDims, out=out)}; {@code out} must not be {@code a}. */
    public void std(Tensor a, int axis, boolean keepDims, int ddof, Tensor out) {
        variance("std", a, axis, keepDims, ddof, out);
        if (out.size() > 0) {
            kernels.unary(UnaryOp.SQRT, s(out), s(out));
        }
    }

    private void variance(String op, Tensor a, int axis, boolean keepDims, int ddof, Tensor out) {
        Checks.operand(this, op, "a", a);
        Checks.output(this, op, out, a.shape().reduce(op, axis, keepDims), a.dtype());
        Checks.notAliased(op, out, a);
        int normalized = a.shape().axis(op, axis);
        int n = a.shape().dim(normalized);
        if (out.size() == 0) {
            return;
        }
        Tensor mean = allocate(op, a.shape().reduce(op, normalized, true), a.dtype());
        runReduction(ReduceOp.SUM, a, normalized, mean);
        divideByCount(mean, n);
        Tensor deviations = allocate(op, a.shape(), a.dtype());
        if (a.size() > 0) {
            runBinary(BinaryOp.SUBTRACT, Broadcast.plan(op, a.shape(), mean.shape()), a, mean, deviations);
            runBinary(BinaryOp.MULTIPLY, Broadcast.plan(op, a.shape(), a.shape()), deviations, deviations, deviations);
        }
        runReduction(ReduceOp.SUM, deviations, normalized, out);
        divideByCount(out, Math.max((long) n - ddof, 0));
        mean.close();
        deviations.close();
    }

    // ---------------------------------------------------------------- elementwise functions, part two

    /** {@code np.abs(a)}. */
    public Tensor abs(Tensor a) {
        return map(UnaryOp.ABS, a);
    }

    /** {@code np.abs(a, out=out)}; {@code out} may be {@code a}. */
    public void abs(Tensor a, Tensor out) {
        map(UnaryOp.ABS, a, out);
    }

    /** {@code np.sqrt(a)}: NaN for negative elements, {@code -0.0} for {@code -0.0}. */
    public Tensor sqrt(Tensor a) {
        return map(UnaryOp.SQRT, a);
    }

    /** {@code np.sqrt(a, out=out)}; {@code out} may be {@code a}. */
    public void sqrt(Tensor a, Tensor out) {
        map(UnaryOp.SQRT, a, out);
    }

    /** {@code np.square(a)}. */
    public Tensor square(Tensor a) {
        return map(UnaryOp.SQUARE, a);
    }

    /** {@code np.square(a, out=out)}; {@code out} may be {@code a}. */
    public void square(Tensor a, Tensor out) {
        map(UnaryOp.SQUARE, a, out);
    }

    /** {@code np.negative(a)}. */
    public Tensor negative(Tensor a) {
        return map(UnaryOp.NEGATE, a);
    }

    /** {@code np.negative(a, out=out)}; {@code out} may be {@code a}. */
    public void negative(Tensor a, Tensor out) {
        map(UnaryOp.NEGATE, a, out);
    }

    /** {@code np.exp(a)}. */
    public Tensor exp(Tensor a) {
        return map(UnaryOp.EXP, a);
    }

    /** {@code np.exp(a, out=out)}; {@code out} may be {@code a}. */
    public void exp(Tensor a, Tensor out) {
        map(UnaryOp.EXP, a, out);
    }

    /** {@code np.log(a)}: {@code -inf} at 0, NaN below. */
    public Tensor log(Tensor a) {
        return map(UnaryOp.LOG, a);
    }

    /** {@code np.log(a, out=out)}; {@code out} may be {@code a}. */
    public void log(Tensor a, Tensor out) {
        map(UnaryOp.LOG, a, out);
    }

    /** {@code np.power(a, b)}, broadcast, as C's {@code pow} ({@link BinaryFunction#POWER}). */
    public Tensor power(Tensor a, Tensor b) {
        return function(BinaryFunction.POWER, a, b);
    }

    /** {@code np.power(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public void power(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.POWER, a, b, out);
    }

    /** {@code np.maximum(a, b)}, broadcast: NaN if either is NaN. */
    public Tensor maximum(Tensor a, Tensor b) {
        return function(BinaryFunction.MAXIMUM, a, b);
    }

    /** {@code np.maximum(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public void maximum(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.MAXIMUM, a, b, out);
    }

    /** {@code np.minimum(a, b)}, broadcast: NaN if either is NaN. */
    public Tensor minimum(Tensor a, Tensor b) {
        return function(BinaryFunction.MINIMUM, a, b);
    }

    /** {@code np.minimum(a, b, out=out)}; {@code out} may be {@code a} or {@code b}. */
    public void minimum(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.MINIMUM, a, b, out);
    }

    /**
     * {@code np.clip(a, lo, hi)}: {@code min(max(a, lo), hi)} with the bounds rounded to {@code a}'s dtype;
     * NaN stays NaN, a NaN bound gives NaN, an element equal to a bound is kept (so {@code -0.0} stays
     * {@code -0.0}), and {@code lo > hi} gives {@code hi} everywhere, as NumPy does.
     */
    public Tensor clip(Tensor a, double lo, double hi) {
        Checks.operand(this, "clip", "a", a);
        Tensor out = allocate("clip", a.shape(), a.dtype());
        clip(a, lo, hi, out);
        return out;
    }

    /** {@code np.clip(a, lo, hi, out=out)}; {@code out} may be {@code a}. */
    public void clip(Tensor a, double lo, double hi, Tensor out) {
        Checks.operand(this, "clip", "a", a);
        Checks.output(this, "clip", out, a.shape(), a.dtype());
        if (a.size() == 0) {
            return;
        }
        // The bound as the left operand: maximum and minimum give the right one on ties, which keeps a's element.
        Tensor low = scalar(lo, a.dtype());
        Tensor high = scalar(hi, a.dtype());
        kernels.binaryFunction(BinaryFunction.MAXIMUM, Broadcast.plan("clip", low.shape(), a.shape()), s(low), s(a), s(out));
        kernels.binaryFunction(BinaryFunction.MINIMUM, Broadcast.plan("clip", high.shape(), a.shape()), s(high), s(out), s(out));
        low.close();
        high.close();
    }

    // ---------------------------------------------------------------- comparisons and selection

    /**
     * {@code np.greater(a, b)}, broadcast, as a mask: vecnn has no bool dtype, so every comparison gives 1.0
     * where it holds and {@code +0.0} where not, in the operands' dtype, ready for {@link #where} and for
     * arithmetic ({@code mask.sum()} counts). Comparisons with NaN are false ({@link #notEqual}: true).
     */
    public Tensor greater(Tensor a, Tensor b) {
        return function(BinaryFunction.GREATER, a, b);
    }

    /** {@code np.greater(a, b, out=out)}: a 0/1 mask; {@code out} may be {@code a} or {@code b}. */
    public void greater(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.GREATER, a, b, out);
    }

    /** {@code np.greater_equal(a, b)}: a 0/1 mask of the operands' dtype. */
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return function(BinaryFunction.GREATER_EQUAL, a, b);
    }

    /** {@code np.greater_equal(a, b, out=out)}. */
    public void greaterEqual(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.GREATER_EQUAL, a, b, out);
    }

    /** {@code np.less(a, b)}: a 0/1 mask of the operands' dtype. */
    public Tensor less(Tensor a, Tensor b) {
        return function(BinaryFunction.LESS, a, b);
    }

    /** {@code np.less(a, b, out=out)}. */
    public void less(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.LESS, a, b, out);
    }

    /** {@code np.less_equal(a, b)}: a 0/1 mask of the operands' dtype. */
    public Tensor lessEqual(Tensor a, Tensor b) {
        return function(BinaryFunction.LESS_EQUAL, a, b);
    }

    /** {@code np.less_equal(a, b, out=out)}. */
    public void lessEqual(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.LESS_EQUAL, a, b, out);
    }

    /** {@code np.equal(a, b)}: a 0/1 mask of the operands' dtype; {@code -0.0 == +0.0}, NaN equals nothing. */
    public Tensor equal(Tensor a, Tensor b) {
        return function(BinaryFunction.EQUAL, a, b);
    }

    /** {@code np.equal(a, b, out=out)}. */
    public void equal(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.EQUAL, a, b, out);
    }

    /** {@code np.not_equal(a, b)}: a 0/1 mask of the operands' dtype; 1 wherever either is NaN. */
    public Tensor notEqual(Tensor a, Tensor b) {
        return function(BinaryFunction.NOT_EQUAL, a, b);
    }

    /** {@code np.not_equal(a, b, out=out)}. */
    public void notEqual(Tensor a, Tensor b, Tensor out) {
        function(BinaryFunction.NOT_EQUAL, a, b, out);
    }

    private Tensor function(BinaryFunction op, Tensor a, Tensor b) {
        String name = op.numpyName();
        Checks.operands(this, name, a, b);
        BroadcastPlan plan = Broadcast.plan(name, a.shape(), b.shape());
        Tensor out = allocate(name, plan.result(), a.dtype());
        if (out.size() > 0) {
            kernels.binaryFunction(op, plan, s(a), s(b), s(out));
        }
        return out;
    }

    private void function(BinaryFunction op, Tensor a, Tensor b, Tensor out) {
        String name = op.numpyName();
        Checks.operands(this, name, a, b);
        BroadcastPlan plan = Broadcast.plan(name, a.shape(), b.shape());
        Checks.output(this, name, out, plan.result(), a.dtype());
        if (out.size() > 0) {
            kernels.binaryFunction(op, plan, s(a), s(b), s(out));
        }
    }

    /**
     * {@code np.where(mask, a, b)}: {@code a}'s element where the mask's is non-zero (NaN counts as true, as in
     * NumPy), {@code b}'s where it is zero; the three broadcast together. The mask is a tensor of the operands'
     * dtype, as comparisons give it.
     */
    public Tensor where(Tensor mask, Tensor a, Tensor b) {
        Shape shape = whereShape(mask, a, b);
        Tensor out = allocate("where", shape, a.dtype());
        runWhere(mask, a, b, out);
        return out;
    }

    /** {@code np.where(mask, a, b, out=out)}; {@code out} may be any of the three (elementwise, in place). */
    public void where(Tensor mask, Tensor a, Tensor b, Tensor out) {
        Shape shape = whereShape(mask, a, b);
        Checks.output(this, "where", out, shape, a.dtype());
        runWhere(mask, a, b, out);
    }

    private Shape whereShape(Tensor mask, Tensor a, Tensor b) {
        Checks.operands(this, "where", a, b);
        Checks.operand(this, "where", "mask", mask);
        if (mask.dtype() != a.dtype()) {
            throw new IncompatibleTensorsException("where: mask has dtype " + mask.dtype().numpyName()
                    + " but the operands are " + a.dtype().numpyName() + "; convert it with mask.as(DType."
                    + a.dtype() + ")");
        }
        if (!Broadcast.compatible(mask.shape(), a.shape()) || !Broadcast.compatible(a.shape(), b.shape())
                || !Broadcast.compatible(mask.shape(), Broadcast.shape("where", a.shape(), b.shape()))) {
            throw new ShapeException("where: operands could not be broadcast together with shapes " + mask.shape()
                    + " " + a.shape() + " " + b.shape());
        }
        return Broadcast.shape("where", mask.shape(), Broadcast.shape("where", a.shape(), b.shape()));
    }

    private void runWhere(Tensor mask, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        Storage m = expanded("where", mask, out.shape());
        Storage x = expanded("where", a, out.shape());
        Storage y = expanded("where", b, out.shape());
        kernels.where(m, x, y, s(out));
        releaseExpanded(m, mask);
        releaseExpanded(x, a);
        releaseExpanded(y, b);
    }

    /**
     * {@code t}'s storage when it has {@code shape}, else scratch storage holding {@code t} broadcast to it:
     * {@code t + (-0.0)} through the add kernel, which is {@code t} exactly for every IEEE value.
     */
    private Storage expanded(String op, Tensor t, Shape shape) {
        if (t.shape().equals(shape)) {
            return s(t);
        }
        Checks.allocatable(this, op, shape, t.dtype());
        Storage scratch = kernels.allocate(shape.size(), t.dtype());
        kernels.fill(-0.0, scratch);
        kernels.add(Broadcast.plan(op, t.shape(), shape), s(t), scratch, scratch);
        return scratch;
    }

    private static void releaseExpanded(Storage storage, Tensor t) {
        if (storage != s(t)) {
            storage.release();
        }
    }

    /**
     * {@code np.broadcast_to(a, dims)} as a copy (NumPy's is a read-only view): {@code a} repeated along the
     * dimensions it broadcasts over.
     */
    public Tensor broadcastTo(Tensor a, int... dims) {
        Checks.operand(this, "broadcastTo", "a", a);
        notNull("broadcastTo", "dims", dims);
        Shape shape = Shape.of(dims);
        if (!Broadcast.compatible(a.shape(), shape) || !Broadcast.shape("broadcastTo", a.shape(), shape).equals(shape)) {
            throw new ShapeException("broadcastTo: shape " + a.shape() + " cannot be broadcast to " + shape);
        }
        Tensor out = allocate("broadcastTo", shape, a.dtype());
        if (out.size() > 0) {
            kernels.fill(-0.0, s(out));
            kernels.add(Broadcast.plan("broadcastTo", a.shape(), shape), s(a), s(out), s(out));
        }
        return out;
    }

    // ---------------------------------------------------------------- indexing

    /**
     * {@code t[index] = value}: sets one element (one index per axis, negative ones count from the end) to
     * {@code value} rounded to the dtype. Through a view ({@link #reshape}), the viewed tensor changes too.
     */
    public void set(Tensor t, double value, int... index) {
        Checks.operand(this, "set", "t", t);
        s(t).set(Checks.flatIndex("set", t.shape(), index), round(t.dtype(), value));
    }

    /**
     * {@code a[(slice(None),) * axis + (slice(from, to, step),)]}: every {@code step}-th element along
     * {@code axis} from {@code from} towards {@code to} (excluded), with Python's rules: negative bounds count
     * from the end, bounds are clipped, a negative step walks backwards, and {@code Integer.MAX_VALUE} /
     * {@code Integer.MIN_VALUE} stand for an omitted bound ({@code a[::-1]} is
     * {@code slice(a, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1)}). A copy.
     *
     * @throws TensorArgumentException if {@code step} is 0
     */
    public Tensor slice(Tensor a, int axis, int from, int to, int step) {
        Checks.operand(this, "slice", "a", a);
        int normalized = a.shape().axis("slice", axis);
        if (step == 0) {
            throw new TensorArgumentException("slice: slice step cannot be zero");
        }
        return pick("slice", a, normalized, AxisCopy.slicePositions(a.shape().dim(normalized), from, to, step), null);
    }

    /** {@code np.take(a, indices)}: the elements of the flattened {@code a} at {@code indices}, shape (n,). */
    public Tensor take(Tensor a, int[] indices) {
        Checks.operand(this, "take", "a", a);
        return take(flat(a), indices, 0);
    }

    /**
     * {@code np.take(a, indices, axis)}: the sub-tensors at {@code indices} along {@code axis} (negative indices
     * count from the end, repeats allowed), the axis replaced by one of {@code indices.length}.
     *
     * @throws TensorArgumentException if an index is out of bounds
     */
    public Tensor take(Tensor a, int[] indices, int axis) {
        Checks.operand(this, "take", "a", a);
        int normalized = a.shape().axis("take", axis);
        return pick("take", a, normalized, positions(a, normalized, indices), null);
    }

    /** {@code np.take(a, indices, axis, out=out)}; {@code out} must not be {@code a}. */
    public void take(Tensor a, int[] indices, int axis, Tensor out) {
        Checks.operand(this, "take", "a", a);
        int normalized = a.shape().axis("take", axis);
        int[] positions = positions(a, normalized, indices);
        Checks.output(this, "take", out, pickedShape(a.shape(), normalized, positions.length), a.dtype());
        Checks.notAliased("take", out, a);
        pick("take", a, normalized, positions, out);
    }

    private static int[] positions(Tensor a, int axis, int[] indices) {
        notNull("take", "indices", indices);
        int n = a.shape().dim(axis);
        int[] positions = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j] < 0 ? indices[j] + n : indices[j];
            if (i < 0 || i >= n) {
                throw new TensorArgumentException("take: index " + indices[j] + " is out of bounds for axis "
                        + axis + " with size " + n + " of shape " + a.shape());
            }
            positions[j] = i;
        }
        return positions;
    }

    private static Shape pickedShape(Shape shape, int axis, int count) {
        int[] dims = shape.dims();
        dims[axis] = count;
        return Shape.of(dims);
    }

    private Tensor pick(String op, Tensor a, int axis, int[] positions, Tensor out) {
        Tensor result = out != null ? out : allocate(op, pickedShape(a.shape(), axis, positions.length), a.dtype());
        if (result.size() > 0) {
            HostArray source = HostArray.zeros(a.dtype(), a.size());
            s(a).read(source);
            s(result).write(AxisCopy.pick(source, AxisLayout.of(a.shape(), axis), positions));
        }
        return result;
    }

    // ---------------------------------------------------------------- joining and splitting

    /**
     * {@code np.concatenate(tensors, axis)}: the tensors side by side along {@code axis}; all of one rank (at
     * least 1), dtype and backend, their other dimensions equal.
     */
    public Tensor concatenate(int axis, Tensor... tensors) {
        Shape shape = concatenatedShape("concatenate", axis, tensors);
        Tensor out = allocate("concatenate", shape, tensors[0].dtype());
        runConcatenate(tensors[0].shape().axis("concatenate", axis), tensors, out);
        return out;
    }

    /** {@code np.concatenate(tensors, axis, out=out)}; {@code out} must be none of the tensors. */
    public void concatenate(int axis, Tensor[] tensors, Tensor out) {
        Shape shape = concatenatedShape("concatenate", axis, tensors);
        Checks.output(this, "concatenate", out, shape, tensors[0].dtype());
        Checks.notAliased("concatenate", out, tensors);
        runConcatenate(tensors[0].shape().axis("concatenate", axis), tensors, out);
    }

    private Shape concatenatedShape(String op, int axis, Tensor[] tensors) {
        notNull(op, "tensors", tensors);
        if (tensors.length == 0) {
            throw new TensorArgumentException(op + ": need at least one array to concatenate");
        }
        Tensor first = Checks.operand(this, op, "tensors[0]", tensors[0]);
        if (first.rank() == 0) {
            throw new ShapeException(op + ": zero-dimensional arrays cannot be concatenated");
        }
        int normalized = first.shape().axis(op, axis);
        long length = 0;
        for (int t = 0; t < tensors.length; t++) {
            Tensor tensor = Checks.operand(this, op, "tensors[" + t + "]", tensors[t]);
            Checks.operands(this, op, first, tensor);
            if (tensor.rank() != first.rank()) {
                throw new ShapeException(op + ": all the input arrays must have same number of dimensions, but the"
                        + " array at index 0 has shape " + first.shape() + " and the array at index " + t
                        + " has shape " + tensor.shape());
            }
            for (int d = 0; d < first.rank(); d++) {
                if (d != normalized && tensor.shape().dim(d) != first.shape().dim(d)) {
                    throw new ShapeException(op + ": all the input array dimensions except for the concatenation"
                            + " axis must match exactly, but along dimension " + d + ", the array at index 0 has size "
                            + first.shape().dim(d) + " and the array at index " + t + " has size "
                            + tensor.shape().dim(d));
                }
            }
            length += tensor.shape().dim(normalized);
        }
        if (length > Integer.MAX_VALUE) {
            throw new ShapeException(op + ": the result has " + length + " elements along axis " + axis
                    + ", more than " + Integer.MAX_VALUE);
        }
        return pickedShape(first.shape(), normalized, (int) length);
    }

    private void runConcatenate(int axis, Tensor[] tensors, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        AxisLayout whole = AxisLayout.of(out.shape(), axis);
        HostArray target = HostArray.zeros(out.dtype(), out.size());
        int at = 0;
        for (Tensor t : tensors) {
            int length = t.shape().dim(axis);
            if (t.size() > 0) {
                HostArray part = HostArray.zeros(t.dtype(), t.size());
                s(t).read(part);
                AxisCopy.place(part, whole.outer(), length, whole.inner(), target, whole.length(), at);
            }
            at += length;
        }
        s(out).write(target);
    }

    /**
     * {@code np.stack(tensors, axis)}: the tensors, all of one shape, along a new axis {@code axis}
     * ({@code -(rank + 1) <= axis <= rank}).
     */
    public Tensor stack(int axis, Tensor... tensors) {
        Tensor[] parts = stackParts(axis, tensors);
        return concatenate(stackAxis(axis, tensors), parts);
    }

    /** {@code np.stack(tensors, axis, out=out)}; {@code out} must be none of the tensors. */
    public void stack(int axis, Tensor[] tensors, Tensor out) {
        Tensor[] parts = stackParts(axis, tensors);
        Checks.notAliased("stack", notNull("stack", "out", out), tensors);
        concatenate(stackAxis(axis, tensors), parts, out);
    }

    private static int stackAxis(int axis, Tensor[] tensors) {
        int rank = tensors[0].rank() + 1;
        return axis < 0 ? axis + rank : axis;
    }

    private Tensor[] stackParts(int axis, Tensor[] tensors) {
        notNull("stack", "tensors", tensors);
        if (tensors.length == 0) {
            throw new TensorArgumentException("stack: need at least one array to stack");
        }
        Tensor first = Checks.operand(this, "stack", "tensors[0]", tensors[0]);
        Tensor[] parts = new Tensor[tensors.length];
        for (int t = 0; t < tensors.length; t++) {
            Tensor tensor = Checks.operand(this, "stack", "tensors[" + t + "]", tensors[t]);
            if (!tensor.shape().equals(first.shape())) {
                throw new ShapeException("stack: all input arrays must have the same shape, but the array at index 0"
                        + " has shape " + first.shape() + " and the array at index " + t + " has shape " + tensor.shape());
            }
            parts[t] = expandDims(tensor, axis);
        }
        return parts;
    }

    /**
     * {@code np.split(a, sections, axis)}: {@code sections} tensors of equal length along {@code axis} (copies).
     *
     * @throws ShapeException if the axis' length is not a multiple of {@code sections}
     */
    public Tensor[] split(Tensor a, int sections, int axis) {
        Checks.operand(this, "split", "a", a);
        int normalized = a.shape().axis("split", axis);
        if (sections <= 0) {
            throw new TensorArgumentException("split: number sections must be larger than 0, got " + sections);
        }
        int n = a.shape().dim(normalized);
        if (n % sections != 0) {
            throw new ShapeException("split: array split does not result in an equal division: axis " + axis
                    + " of shape " + a.shape() + " has length " + n + ", not a multiple of " + sections);
        }
        int[] cuts = new int[sections - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (i + 1) * (n / sections);
        }
        return split(a, cuts, normalized);
    }

    /**
     * {@code np.split(a, indices, axis)}: the pieces {@code a[:i0]}, {@code a[i0:i1]}, ..., {@code a[ik:]} along
     * {@code axis}, each bound with slicing's rules (negative counts from the end, clipped; a piece may be
     * empty); copies.
     */
    public Tensor[] split(Tensor a, int[] indices, int axis) {
        Checks.operand(this, "split", "a", a);
        notNull("split", "indices", indices);
        int normalized = a.shape().axis("split", axis);
        Tensor[] pieces = new Tensor[indices.length + 1];
        for (int p = 0; p < pieces.length; p++) {
            int from = p == 0 ? 0 : indices[p - 1];
            int to = p == indices.length ? Integer.MAX_VALUE : indices[p];
            pieces[p] = slice(a, normalized, from, to, 1);
        }
        return pieces;
    }

    // ---------------------------------------------------------------- shape, part two

    /** {@code a.flatten()}: the elements in row-major order as a new 1-D tensor (a copy). */
    public Tensor flatten(Tensor a) {
        Checks.operand(this, "flatten", "a", a);
        Tensor out = allocate("flatten", Shape.of(a.size()), a.dtype());
        if (a.size() > 0) {
            kernels.copy(s(a), s(out));
        }
        return out;
    }

    /** {@code np.ravel(a)}: the elements in row-major order, 1-D, as a view sharing {@code a}'s memory. */
    public Tensor ravel(Tensor a) {
        Checks.operand(this, "ravel", "a", a);
        return flat(a);
    }

    /** {@code np.squeeze(a)}: every axis of length 1 removed; a view. */
    public Tensor squeeze(Tensor a) {
        Checks.operand(this, "squeeze", "a", a);
        return reshape(a, Arrays.stream(a.shape().dims()).filter(d -> d != 1).toArray());
    }

    /**
     * {@code np.squeeze(a, axis=axes)}: the given axes removed, each of length 1; a view.
     *
     * @throws ShapeException if an axis is out of range, repeated, or not of length 1
     */
    public Tensor squeeze(Tensor a, int... axes) {
        Checks.operand(this, "squeeze", "a", a);
        notNull("squeeze", "axes", axes);
        boolean[] removed = new boolean[a.rank()];
        for (int axis : axes) {
            int normalized = a.shape().axis("squeeze", axis);
            if (removed[normalized]) {
                throw new ShapeException("squeeze: repeated axis " + axis + " in " + Arrays.toString(axes));
            }
            if (a.shape().dim(normalized) != 1) {
                throw new ShapeException("squeeze: cannot select an axis to squeeze out which has size not equal to"
                        + " one: axis " + axis + " of shape " + a.shape());
            }
            removed[normalized] = true;
        }
        int[] dims = new int[a.rank() - axes.length];
        for (int d = 0, j = 0; d < a.rank(); d++) {
            if (!removed[d]) {
                dims[j++] = a.shape().dim(d);
            }
        }
        return reshape(a, dims);
    }

    /**
     * {@code np.expand_dims(a, axis)}: a new axis of length 1 at position {@code axis} of the result
     * ({@code -(rank + 1) <= axis <= rank}); a view.
     */
    public Tensor expandDims(Tensor a, int axis) {
        Checks.operand(this, "expandDims", "a", a);
        int rank = a.rank() + 1;
        if (axis < -rank || axis >= rank) {
            throw new ShapeException("expandDims: axis " + axis + " is out of bounds for a result of rank " + rank
                    + " (shape " + a.shape() + ")");
        }
        int at = axis < 0 ? axis + rank : axis;
        int[] dims = new int[rank];
        for (int d = 0, j = 0; d < rank; d++) {
            dims[d] = d == at ? 1 : a.shape().dim(j++);
        }
        return reshape(a, dims);
    }

    /** {@code a.astype(dtype)}: a copy converted to {@code dtype} (a copy even when the dtype is {@code a}'s, as NumPy's default). */
    public Tensor astype(Tensor a, DType dtype) {
        Checks.operand(this, "astype", "a", a);
        Checks.supported(this, "astype", dtype);
        if (dtype == a.dtype()) {
            Tensor out = allocate("astype", a.shape(), dtype);
            copy(a, out);
            return out;
        }
        return dtype == DType.FLOAT32 ? fromArray(toFloatArray(a), a.shape()) : fromArray(toDoubleArray(a), a.shape());
    }
}
