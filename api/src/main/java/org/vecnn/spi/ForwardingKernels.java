package org.vecnn.spi;

import java.util.Set;
import java.util.function.Supplier;
import org.vecnn.DType;
import org.vecnn.UnaryOp;

/**
 * Kernels that pass every call on to another backend's, for decorators that watch the calls (counting, timing,
 * logging) without changing a result. Every method of {@link Kernels} is forwarded; each primitive call is
 * framed by {@link #before} and {@link #after}, and each storage argument goes through {@link #unwrap}, so a
 * decorator overrides only what it watches. {@link #overridden()} is the delegate's, plus the primitives a
 * subclass overrides itself: a decorated backend reports what its backend accelerates.
 */
public abstract class ForwardingKernels extends Kernels {
    private final Kernels delegate;

    /** Passes every call on to {@code delegate}. */
    protected ForwardingKernels(Kernels delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    /** The kernels the calls go to. */
    protected final Kernels delegate() {
        return delegate;
    }

    /** The delegate: it answers {@link #overridden()} for every primitive this class only forwards. */
    @Override
    protected final Kernels delegateForCapabilities() {
        return delegate;
    }

    /**
     * The storage to hand the delegate for {@code storage}: itself by default; a decorator that wraps the
     * storages it allocates returns the wrapped one.
     */
    protected Storage unwrap(Storage storage) {
        return storage;
    }

    /**
     * Called before the delegate runs primitive {@code primitive}; what it returns is handed to {@link #after}
     * (a start time, say). Default: nothing, 0.
     */
    protected long before(String primitive) {
        return 0;
    }

    /**
     * Called after the delegate ran primitive {@code primitive} without throwing, with what {@link #before}
     * returned and the call's shape in words, computed only if asked ({@code "128x784x256"} for a product).
     * Default: nothing.
     */
    protected void after(String primitive, long token, Supplier<String> shape) {
    }

    // ---------------------------------------------------------------- description and storage

    @Override
    public String device() {
        return delegate.device();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Set<DType> dtypes() {
        return delegate.dtypes();
    }

    @Override
    public long maxElements(DType dtype) {
        return delegate.maxElements(dtype);
    }

    @Override
    public long allocationLimit(DType dtype) {
        return delegate.allocationLimit(dtype);
    }

    @Override
    public String allocationLimitSource(DType dtype) {
        return delegate.allocationLimitSource(dtype);
    }

    @Override
    public Storage allocate(int size, DType dtype) {
        return delegate.allocate(size, dtype);
    }

    // ---------------------------------------------------------------- primitives

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        long token = before("matmul");
        delegate.matmul(plan, unwrap(a), unwrap(b), unwrap(out));
        after("matmul", token, () -> shape(plan));
    }

    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        long token = before("dot");
        delegate.dot(plan, unwrap(a), unwrap(b), unwrap(out));
        after("dot", token, () -> shape(plan));
    }

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        long token = before("add");
        delegate.add(plan, unwrap(a), unwrap(b), unwrap(out));
        after("add", token, () -> plan.kind() + " " + out.size());
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        long token = before("multiply");
        delegate.multiply(plan, unwrap(a), unwrap(b), unwrap(out));
        after("multiply", token, () -> plan.kind() + " " + out.size());
    }

    @Override
    public void product(ProductPlan plan, Storage a, Storage b, Storage out) {
        long token = before("product");
        delegate.product(plan, unwrap(a), unwrap(b), unwrap(out));
        after("product", token, () -> shape(plan));
    }

    @Override
    public void addProduct(ProductPlan plan, double alpha, Storage a, Storage b, Storage c) {
        long token = before("addProduct");
        delegate.addProduct(plan, alpha, unwrap(a), unwrap(b), unwrap(c));
        after("addProduct", token, () -> shape(plan));
    }

    @Override
    public void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        long token = before("binary");
        delegate.binary(op, plan, unwrap(a), unwrap(b), unwrap(out));
        after("binary", token, () -> op + " " + plan.kind() + " " + out.size());
    }

    @Override
    public void unary(UnaryOp op, Storage a, Storage out) {
        long token = before("unary");
        delegate.unary(op, unwrap(a), unwrap(out));
        after("unary", token, () -> op.kind() + " " + out.size());
    }

    @Override
    public void scale(double alpha, Storage a, Storage out) {
        long token = before("scale");
        delegate.scale(alpha, unwrap(a), unwrap(out));
        after("scale", token, () -> String.valueOf(out.size()));
    }

    @Override
    public void axpy(double alpha, Storage x, Storage y) {
        long token = before("axpy");
        delegate.axpy(alpha, unwrap(x), unwrap(y));
        after("axpy", token, () -> String.valueOf(y.size()));
    }

    @Override
    public void reduce(ReduceOp op, AxisLayout layout, Storage a, Storage out) {
        long token = before("reduce");
        delegate.reduce(op, layout, unwrap(a), unwrap(out));
        after("reduce", token, () -> op + " " + shape(layout));
    }

    @Override
    public int[] argmax(AxisLayout layout, Storage a) {
        long token = before("argmax");
        int[] result = delegate.argmax(layout, unwrap(a));
        after("argmax", token, () -> shape(layout));
        return result;
    }

    @Override
    public void transpose(int batches, int rows, int columns, Storage a, Storage out) {
        long token = before("transpose");
        delegate.transpose(batches, rows, columns, unwrap(a), unwrap(out));
        after("transpose", token, () -> rows + "x" + columns);
    }

    @Override
    public void copy(Storage src, Storage dst) {
        long token = before("copy");
        delegate.copy(unwrap(src), unwrap(dst));
        after("copy", token, () -> String.valueOf(dst.size()));
    }

    @Override
    public void fill(double value, Storage dst) {
        long token = before("fill");
        delegate.fill(value, unwrap(dst));
        after("fill", token, () -> String.valueOf(dst.size()));
    }

    @Override
    public void denseForward(ProductPlan plan, Storage x, Storage w, Storage bias, UnaryOp activation, Storage z,
            Storage a) {
        long token = before("denseForward");
        delegate.denseForward(plan, unwrap(x), unwrap(w), unwrap(bias), activation, unwrap(z), unwrap(a));
        after("denseForward", token, () -> shape(plan) + (activation == null ? "" : " " + activation.kind()));
    }

    @Override
    public void activationBackward(UnaryOp derivative, Storage z, Storage gradient, Storage out) {
        long token = before("activationBackward");
        delegate.activationBackward(derivative, unwrap(z), unwrap(gradient), unwrap(out));
        after("activationBackward", token, () -> derivative.kind() + " " + out.size());
    }

    @Override
    public double softmaxCrossEntropy(int rows, int columns, Storage logits, Storage targets, Storage probabilities,
            Storage gradient) {
        long token = before("softmaxCrossEntropy");
        double loss = delegate.softmaxCrossEntropy(rows, columns, unwrap(logits), unwrap(targets),
                unwrap(probabilities), unwrap(gradient));
        after("softmaxCrossEntropy", token, () -> rows + "x" + columns);
        return loss;
    }

    @Override
    public void binaryFunction(BinaryFunction op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        long token = before("binaryFunction");
        delegate.binaryFunction(op, plan, unwrap(a), unwrap(b), unwrap(out));
        after("binaryFunction", token, () -> op + " " + plan.kind() + " " + out.size());
    }

    @Override
    public void where(Storage mask, Storage a, Storage b, Storage out) {
        long token = before("where");
        delegate.where(unwrap(mask), unwrap(a), unwrap(b), unwrap(out));
        after("where", token, () -> String.valueOf(out.size()));
    }

    @Override
    public void min(AxisLayout layout, Storage a, Storage out) {
        long token = before("min");
        delegate.min(layout, unwrap(a), unwrap(out));
        after("min", token, () -> shape(layout));
    }

    @Override
    public void prod(AxisLayout layout, Storage a, Storage out) {
        long token = before("prod");
        delegate.prod(layout, unwrap(a), unwrap(out));
        after("prod", token, () -> shape(layout));
    }

    @Override
    public int[] argmin(AxisLayout layout, Storage a) {
        long token = before("argmin");
        int[] result = delegate.argmin(layout, unwrap(a));
        after("argmin", token, () -> shape(layout));
        return result;
    }

    private static String shape(ProductPlan p) {
        return p.m() + "x" + p.k() + "x" + p.n() + (p.transposeA() ? " Aᵀ" : "") + (p.transposeB() ? " Bᵀ" : "");
    }

    private static String shape(AxisLayout layout) {
        return layout.outer() + "x" + layout.length() + "x" + layout.inner();
    }
}
