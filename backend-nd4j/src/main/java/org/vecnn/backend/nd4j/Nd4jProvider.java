package org.vecnn.backend.nd4j;

import java.util.Objects;
import org.vecnn.spi.Availability;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.BackendProvider;

/**
 * Provides the {@code nd4j} backend: ND4J arrays on OpenBLAS natives, linux-x86_64 only. Constructing it loads
 * nothing; {@link #probe()} loads the natives (once per JVM) and reports a failure as unavailable with its cause.
 */
public final class Nd4jProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "nd4j";

    /** Above ejml (20) and loops (0): BLAS beats Java loops on every size the network uses. */
    static final int PRIORITY = 30;

    private final NativeLoader loader;
    private Availability availability;
    private Nd4jBackend backend;

    /** The provider ServiceLoader creates: cheap, loads nothing. */
    public Nd4jProvider() {
        this(Nd4jNatives::load);
    }

    Nd4jProvider(NativeLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public synchronized Availability probe() {
        if (availability == null) {
            try {
                availability = Availability.available(loader.load());
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError, ...
                availability = Availability.unavailable(LoadFailure.describe(t));
            }
        }
        return availability;
    }

    @Override
    public synchronized Kernels create() {
        if (!probe().isAvailable()) {
            throw new IllegalStateException("nd4j backend is unavailable: " + availability.detail());
        }
        if (backend == null) {
            backend = new Nd4jBackend(Nd4jThreads.fromSystemProperties(), OffHeapBudget.fromSystemProperties());
        }
        return backend;
    }
}
