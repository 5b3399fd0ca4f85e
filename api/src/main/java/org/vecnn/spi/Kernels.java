package org.vecnn.spi;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.EnumSet;
import java.util.TreeSet;
import java.util.Set;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.UnaryOp;

/**
 * What a backend author implements: the storage and the kernels of one backend. Users never see this type;
 * they hold {@link org.vecnn.Backend}, the front end, which validates every argument, computes the plans,
 * allocates results and only then calls a kernel here.
 *
 * <p><b>What vecnn promises a kernel.</b> Every storage argument came from this object's {@link #allocate},
 * all of one dtype among {@link #dtypes()}, sized exactly as the plan says; no result is empty and no
 * contraction is empty (vecnn answers those itself, with {@code +0.0}); an output never shares storage with an
 * operand of a product, a reduction or a transpose (vecnn refuses overlapping views before any kernel runs);
 * elementwise outputs may be an operand's storage, element for element (in place). Kernels must be
 * safe to call from several threads at once on distinct outputs.
 *
 * <p><b>What a kernel promises.</b> NumPy's result in IEEE arithmetic of the dtype: exact (bit for bit) for
 * elementwise arithmetic, within {@link org.vecnn.Tolerances} for sums of products and functions; NaN, infinities and
 * {@code -0.0} as the JVM computes them; a sum of products starts from {@code +0.0}.
 *
 * <p><b>What to implement.</b> The four core kernels are abstract: {@link #matmul}, {@link #dot},
 * {@link #add} and {@link #multiply}. That is a complete backend: every other primitive has a reference
 * implementation built on them or on the host (through {@link Storage#read}/{@link Storage#write}).
 * Override the primitives your backend accelerates; vecnn derives {@link #overridden()} from what you
 * override, so the report users see cannot disagree with the code. Storage defaults to Java arrays
 * ({@link HeapStorage}); a backend with memory of its own overrides {@link #allocate} and returns its own
 * {@link Storage}.
 */
public abstract class Kernels {
    /** For subclasses. */
    protected Kernels() {
    }

    // ---------------------------------------------------------------- description

    /** Where the kernels run, in words, e.g. {@code "CPU (Java heap)"}. */
    public String device() {
        return "CPU (Java heap)";
    }

    /** The dtypes this backend runs; others are refused by vecnn with a clear error. Default: both. */
    public Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    /**
     * The most elements one tensor of {@code dtype} may have on this backend, whatever memory is free; vecnn
     * refuses larger allocations, naming the operation and the limit, before calling {@link #allocate}.
     * Default: {@link Integer#MAX_VALUE} - 8, the largest Java array.
     */
    public long maxElements(DType dtype) {
        return Integer.MAX_VALUE - 8L;
    }

    /**
     * The most bytes one new tensor may take now. The default, for backends that keep tensors on the Java heap:
     * the heap the JVM may still grow into, {@code Runtime.maxMemory()} less what is in use. A backend with memory
     * of its own (native, device) returns its own limit. vecnn checks every allocation above 1 MiB against it
     * (asking the garbage collector once before refusing, since unreachable tensors may hold the memory).
     */
    public long allocationLimit(DType dtype) {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /** Where {@link #allocationLimit(DType)} comes from, in words for an error message. */
    public String allocationLimitSource(DType dtype) {
        return String.format(java.util.Locale.ROOT, "the Java heap not in use, of a maximum of %.1f MiB; raise -Xmx",
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    // ---------------------------------------------------------------- storage

    /** Zero-filled storage of {@code size} elements of {@code dtype}. Default: a Java array. */
    public Storage allocate(int size, DType dtype) {
        return HeapStorage.zeros(size, dtype);
    }

    // ---------------------------------------------------------------- the four core kernels

    /**
     * {@code out = np.matmul(a, b)} for a {@link ProductPlan#isStandard() standard} plan: a stack of
     * row-major products, each a sum over {@code plan.k() >= 1} terms.
     */
    public abstract void matmul(ProductPlan plan, Storage a, Storage b, Storage out);

    /**
     * {@code out[i] = sum_p a[i][p] * b[p]}: matrix (or vector) times vector, a standard plan with
     * {@code n == 1} and one batch ({@code np.dot} with a 1-D right operand).
     */
    public abstract void dot(ProductPlan plan, Storage a, Storage b, Storage out);

    /** {@code out = a + b}, broadcast as {@code plan} says; {@code out} may be {@code a} or {@code b}. */
    public abstract void add(BroadcastPlan plan, Storage a, Storage b, Storage out);

    /** {@code out = a * b}, broadcast as {@code plan} says; {@code out} may be {@code a} or {@code b}. */
    public abstract void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out);

    /**
     * Releases what this backend holds beyond tensors (its threads, a device context) now; {@link org.vecnn.Backend#close()}
     * calls it. The backend must stay usable afterwards, acquiring what it needs again. Default: nothing to release.
     */
    public void close() {
    }

    // ---------------------------------------------------------------- primitives with reference implementations

    /**
     * Any product plan: transposed operands ({@code aᵀ·b}, {@code a·bᵀ}) and interleaved results
     * ({@code np.dot} of a right operand of rank 3 or more). Default: {@link #matmul} for a standard plan,
     * a transpose into scratch storage then {@link #matmul} for a transposed one, the host otherwise.
     */
    public void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        if (plan.isStandard()) {
            matmul(plan, a, b, out);
        } else if (plan.batchCount() == 1 && plan.ldc() == plan.n()) {
            Storage left = a;
            Storage right = b;
            try {
                if (plan.transposeA()) {
                    left = allocate(plan.m() * plan.k(), a.dtype());
                    transpose(1, plan.k(), plan.m(), a, left);
                }
                if (plan.transposeB()) {
                    right = allocate(plan.k() * plan.n(), b.dtype());
                    transpose(1, plan.n(), plan.k(), b, right);
                }
                matmul(ProductPlan.matmul("product", Shape.of(plan.m(), plan.k()), Shape.of(plan.k(), plan.n())),
                        left, right, out);
            } finally {
                releaseScratch(left, a);
                releaseScratch(right, b);
            }
        } else {
            ReferenceKernels.product(plan, a, b, out);
        }
    }

    /**
     * {@code c += alpha · op(a)·op(b)} in place (BLAS's gemm with {@code beta = 1}), {@code alpha} rounded to
     * the dtype: an SGD step straight from the gradient's product. Default: the product into scratch storage,
     * then {@link #axpy}. A fused kernel adds each output's whole sum at once ({@code fma(alpha, sum, c)}), or
     * block by block, within the product's tolerance.
     */
    public void addProduct(ProductPlan plan, double alpha, Storage a, Storage b, Storage c) {
        Storage product = allocate(c.size(), c.dtype());
        try {
            product(plan, a, b, product);
            axpy(alpha, product, c);
        } finally {
            product.release();
        }
    }

    private static void releaseScratch(Storage scratch, Storage original) {
        if (scratch != original) {
            scratch.release();
        }
    }

    /**
     * {@code out = op(a, b)} broadcast. Default: {@link #add} and {@link #multiply} for those, the host for
     * subtract and divide.
     */
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        switch (op) {
            case ADD -> add(plan, a, b, out);
            case MULTIPLY -> multiply(plan, a, b, out);
            default -> ReferenceKernels.binary(op, plan, a, b, out);
        }
    }

    /** {@code out = op(a)} elementwise, matching {@link UnaryOp#apply(double)}; {@code out} may be {@code a}. */
    public void unary(UnaryOp op, Storage a, Storage out) {
        ReferenceKernels.unary(op, a, out);
    }

    /** {@code out = alpha * a}, {@code alpha} already rounded to the dtype; {@code out} may be {@code a}. */
    public void scale(double alpha, Storage a, Storage out) {
        ReferenceKernels.scale(alpha, a, out);
    }

    /**
     * {@code y += alpha * x}, {@code alpha} rounded to the dtype, fused or not; {@code x} may be {@code y}.
     * Even for {@code alpha == 0}, NaN and infinities of {@code x} reach {@code y} ({@code 0 * NaN} is NaN).
     */
    public void axpy(double alpha, Storage x, Storage y) {
        ReferenceKernels.axpy(alpha, x, y);
    }

    /** {@code op} along a non-empty axis of {@code a}, laid out as {@code layout} says, into {@code out}. */
    public void reduce(ReduceOp op, AxisLayout layout, Storage a, Storage out) {
        ReferenceKernels.reduce(op, layout, a, out);
    }

    /** The index of the first maximum (or first NaN) along a non-empty axis, per position of the others. */
    public int[] argmax(AxisLayout layout, Storage a) {
        return ReferenceKernels.argmax(layout, a);
    }

    /** {@code out} = each of {@code batches} row-major {@code rows x columns} matrices of {@code a}, transposed. */
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        ReferenceKernels.transpose(batches, rows, columns, a, out);
    }

    /** {@code dst = src}, of one size and dtype, distinct storages. */
    public void copy(Storage src, Storage dst) {
        ReferenceKernels.copy(src, dst);
    }

    /** Every element of {@code dst} set to {@code value}, already rounded to the dtype. */
    public void fill(double value, Storage dst) {
        ReferenceKernels.fill(value, dst);
    }

    /**
     * A dense layer's forward step: {@code z = x·w + bias} (the bias, of {@code plan.n()} elements, added to
     * every row), then {@code a = activation(z)}; with a null {@code activation}, {@code a} is {@code z} and
     * nothing more is done. Default: {@link #product}, {@link #add}, {@link #unary}. A fused kernel must give
     * the same result as that sequence within the product's tolerance.
     */
    public void denseForward(ProductPlan plan, Storage x, Storage w, Storage bias, UnaryOp activation,
            Storage z, Storage a) {
        product(plan, x, w, z);
        add(Broadcast.plan("denseForward", Shape.of(plan.m(), plan.n()), Shape.of(plan.n())), z, bias, z);
        if (activation != null) {
            unary(activation, z, a);
        }
    }

    /**
     * A dense layer's backward step through its activation: {@code out = derivative(z) * gradient}
     * elementwise, all of one size; {@code out} may be {@code gradient}. Default: {@link #unary} then
     * {@link #multiply}, so each element is rounded as that sequence rounds it.
     */
    public void activationBackward(UnaryOp derivative, Storage z, Storage gradient, Storage out) {
        Shape shape = Shape.of(z.size());
        if (out == gradient) {
            Storage scratch = allocate(z.size(), z.dtype());
            try {
                unary(derivative, z, scratch);
                multiply(Broadcast.plan("activationBackward", shape, shape), scratch, gradient, out);
            } finally {
                scratch.release();
            }
        } else {
            unary(derivative, z, out);
            multiply(Broadcast.plan("activationBackward", shape, shape), out, gradient, out);
        }
    }

    /**
     * The softmax cross-entropy of a classifier's output layer in one call, over a (rows, columns) matrix of
     * logits {@code z} and targets {@code y} (one-hot or class probabilities): {@code probabilities} gets
     * {@code softmax(z)} row by row, {@code gradient} gets {@code (softmax(z) - y) / rows} (the gradient of the
     * mean loss with respect to {@code z}), and the mean over rows of {@code -Σ_j y_j log softmax(z)_j} is
     * returned. Each row is shifted by its maximum, so no finite logit overflows; a target of exactly zero
     * contributes nothing to the loss, even where its probability is zero. {@code rows, columns >= 1}; the two
     * outputs alias neither each other nor the inputs. Default: computed on the host in double precision, each
     * output rounded once; a backend's own must agree within {@link org.vecnn.Tolerances#softmaxCrossEntropy}.
     */
    public double softmaxCrossEntropy(int rows, int columns, Storage logits, Storage targets, Storage probabilities,
            Storage gradient) {
        return ReferenceKernels.softmaxCrossEntropy(rows, columns, logits, targets, probabilities, gradient);
    }

    // ---------------------------------------------------------------- NumPy's everyday functions and reductions

    /**
     * {@code out = op(a, b)} broadcast as {@code plan} says, matching {@link BinaryFunction#apply}: powers,
     * {@code maximum}/{@code minimum} and comparisons (0/1 masks of the operands' dtype); {@code out} may be
     * {@code a} or {@code b}. Default: the host.
     */
    public void binaryFunction(BinaryFunction op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        ReferenceKernels.binaryFunction(op, plan, a, b, out);
    }

    /**
     * {@code out = np.where(mask != 0, a, b)} elementwise over four storages of one size and dtype (vecnn has
     * broadcast the operands first): a NaN mask element counts as true, as NumPy's truth of NaN is; {@code out}
     * may be any operand. Default: the host.
     */
    public void where(Storage mask, Storage a, Storage b, Storage out) {
        ReferenceKernels.where(mask, a, b, out);
    }

    /** The minimum along a non-empty axis of {@code a}, laid out as {@code layout} says; NaN wins, as in NumPy. */
    public void min(AxisLayout layout, Storage a, Storage out) {
        ReferenceKernels.min(layout, a, out);
    }

    /**
     * The product along a non-empty axis of {@code a}, laid out as {@code layout} says, starting from
     * {@code 1.0}. Default: the host, multiplying in order along the axis and rounding each step to the dtype;
     * a backend may multiply in another order within {@link org.vecnn.Tolerances#sumOfTerms}'s bound on the
     * relative error.
     */
    public void prod(AxisLayout layout, Storage a, Storage out) {
        ReferenceKernels.prod(layout, a, out);
    }

    /** The index of the first minimum (or first NaN) along a non-empty axis, per position of the others. */
    public int[] argmin(AxisLayout layout, Storage a) {
        return ReferenceKernels.argmin(layout, a);
    }

    // ---------------------------------------------------------------- what this backend implements

    /**
     * The primitives this backend implements itself, derived from its overrides (a primitive it does not
     * override runs on the reference implementation). Never hand-written, so it cannot disagree with the code.
     * A decorator ({@link ForwardingKernels}) answers from the kernels it forwards to, plus what it overrides
     * itself: forwarding a call accelerates nothing.
     */
    public final Set<String> overridden() {
        Set<String> names = new TreeSet<>();
        Kernels delegate = delegateForCapabilities();
        Set<String> delegated = delegate == null ? Set.of() : delegate.overridden();
        for (Method m : kernelMethods()) {
            try {
                Class<?> declaring = getClass().getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass();
                boolean forwardedOnly = delegate != null && declaring == ForwardingKernels.class;
                if (forwardedOnly ? delegated.contains(m.getName()) : declaring != Kernels.class) {
                    names.add(m.getName());
                }
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * The kernels whose {@link #overridden()} answer for the primitives this one only forwards to them:
     * {@code null} (the default) for a backend, the delegate for a {@link ForwardingKernels}.
     */
    protected Kernels delegateForCapabilities() {
        return null;
    }

    /** The names of every kernel primitive of this SPI: the four core ones and those with reference implementations. */
    public static Set<String> primitives() {
        Set<String> names = new TreeSet<>();
        for (Method m : kernelMethods()) {
            names.add(m.getName());
        }
        return Collections.unmodifiableSet(names);
    }

    private static java.util.List<Method> kernelMethods() {
        java.util.List<Method> methods = new java.util.ArrayList<>();
        for (Method m : Kernels.class.getDeclaredMethods()) {
            if (isKernel(m)) {
                methods.add(m);
            }
        }
        return methods;
    }

    private static boolean isKernel(Method m) {
        int mods = m.getModifiers();
        return java.lang.reflect.Modifier.isPublic(mods) && !java.lang.reflect.Modifier.isFinal(mods)
                && !java.lang.reflect.Modifier.isStatic(mods) && m.getParameterCount() > 0
                && !m.getName().equals("maxElements") && !m.getName().equals("allocate")
                && !m.getName().startsWith("allocationLimit");
    }
}
