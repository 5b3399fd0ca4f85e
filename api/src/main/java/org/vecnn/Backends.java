package org.vecnn;

import java.util.List;

/**
 * Finds the backends on the class path ({@link java.util.ServiceLoader} over
 * {@link org.vecnn.spi.BackendProvider}) and hands them out. Each backend is created once and shared.
 *
 * <p>Choosing a backend is putting its jar on the class path: {@link #get()} returns the available backend of
 * highest priority, unless the system property {@value #PROPERTY} or, failing that, the environment variable
 * {@value #ENVIRONMENT} names one.
 */
public final class Backends {
    /** The system property that names the default backend. */
    public static final String PROPERTY = "vecnn.backend";
    /** The environment variable that names the default backend when the property is not set. */
    public static final String ENVIRONMENT = "VECNN_BACKEND";

    private Backends() {
    }

    private static final class Holder {
        static final BackendRegistry REGISTRY = BackendRegistry.load(classLoader());

        private static ClassLoader classLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : Backends.class.getClassLoader();
        }
    }

    /**
     * The default backend: the one {@value #PROPERTY} or {@value #ENVIRONMENT} names, else the available one of
     * highest priority.
     *
     * @throws UnknownBackendException     if the named backend is not on the class path
     * @throws BackendUnavailableException if the named backend, or every backend, cannot run here
     */
    public static Backend get() {
        String override = System.getProperty(PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(ENVIRONMENT);
        }
        return Holder.REGISTRY.get(override);
    }

    /**
     * The backend called {@code name}.
     *
     * @throws UnknownBackendException     if no provider of that name is on the class path (the message lists them)
     * @throws BackendUnavailableException if it cannot run here (the message says why)
     */
    public static Backend get(String name) {
        if (name == null || name.isBlank()) {
            throw new UnknownBackendException("backend name is null or blank");
        }
        return Holder.REGISTRY.named(name.trim());
    }

    /**
     * Closes every backend {@link #get()} and {@link #get(String)} have created: their worker threads end now
     * rather than after idling. The backends stay usable. For an application that stops using vecnn while its JVM
     * runs on (an application server's undeploy, a Spark executor between jobs).
     */
    public static void close() {
        Holder.REGISTRY.closeAll();
    }

    /** Every provider found, highest priority first: available or not, and what was found or why not. */
    public static List<BackendStatus> report() {
        return Holder.REGISTRY.report();
    }
}
