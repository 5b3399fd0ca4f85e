package org.vecnn.backend.vector;

import org.vecnn.spi.Availability;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.BackendProvider;

/**
 * Provides the {@code vector} backend: pure-Java SIMD kernels on the JDK Vector API. On JDK 17 to 25 the API is
 * the incubator module {@code jdk.incubator.vector}, which the JVM resolves only when started with
 * {@value #FLAG}; without it the probe says so and nothing of the Vector API is loaded. This class touches no
 * Vector API class: {@link #create()} is the first to.
 */
public final class VectorProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "vector";
    /** The JVM option the backend needs. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";
    /** Above nd4j (30), ejml (20), aparapi (10) and loops (0): its products ran fastest here (see the README). */
    static final int PRIORITY = 40;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability probe() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Availability.unavailable("the JVM was started without the Vector API module: add " + FLAG
                    + " to the java command (or JAVA_OPTS / the test JVM's argLine)");
        }
        return Availability.available("JDK Vector API (jdk.incubator.vector), Java "
                + Runtime.version().feature() + ", " + Runtime.getRuntime().availableProcessors() + " processors");
    }

    @Override
    public Kernels create() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("vector backend: " + probe().detail());
        }
        return VectorBackend.create();
    }
}
