package org.vecnn;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic release of many tensors at once, DJL's {@code NDManager} idea: every tensor a backend
 * creates on this thread while the scope is open is closed when the scope closes, except those
 * {@link #keep(Tensor) kept}. Scopes nest; a kept tensor moves to the enclosing scope, if any.
 *
 * <pre>{@code
 * try (Scope scope = Scope.open()) {
 *     Tensor y = x.matmul(w).add(b).relu();   // intermediates released at the end of the block
 *     result = scope.keep(y);
 * }
 * }</pre>
 *
 * <p>A scope belongs to the thread that opened it and must be closed by it, innermost first.
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Scope parent;
    private final Thread owner;
    private final List<Tensor> tensors = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope on the current thread, nested in the current one if any. */
    public static Scope open() {
        Scope scope = new Scope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    static void register(Tensor t) {
        Scope scope = CURRENT.get();
        if (scope != null) {
            scope.tensors.add(t);
        }
    }

    /**
     * Keeps {@code t} open when this scope closes (it moves to the enclosing scope); returns {@code t}. For a view
     * ({@link Tensor#reshape}), the tensor that owns its memory is kept, so the view stays usable too.
     */
    public Tensor keep(Tensor t) {
        Checks.notNull("keep", "t", t);
        Tensor owner = t.base();
        if (removeByIdentity(owner) && parent != null) {
            parent.tensors.add(owner);
        }
        return t;
    }

    private boolean removeByIdentity(Tensor t) {
        for (int i = tensors.size() - 1; i >= 0; i--) {
            if (tensors.get(i) == t) {
                tensors.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Closes every tensor created in this scope and not kept. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner || CURRENT.get() != this) {
            throw new IllegalStateException("scope: close scopes on the thread that opened them, innermost first");
        }
        closed = true;
        CURRENT.set(parent);
        for (Tensor t : tensors) {
            t.close();
        }
        tensors.clear();
    }
}
