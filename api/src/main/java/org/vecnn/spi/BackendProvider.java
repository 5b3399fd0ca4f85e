package org.vecnn.spi;

/**
 * The entry point of a backend jar, found with {@link java.util.ServiceLoader}: list the implementing class
 * in {@code META-INF/services/org.vecnn.spi.BackendProvider}.
 *
 * <p>Contract: the public no-argument constructor is cheap and never loads native code; {@link #probe()}
 * never throws (it reports failures as {@link Availability#unavailable(String)}); {@link #create()} is
 * called only after a successful probe. vecnn creates one backend per provider and shares it.
 */
public interface BackendProvider {
    /** The backend's name, lower case, as users select it ({@code -Dvecnn.backend=NAME}). */
    String name();

    /** Higher wins when vecnn picks the default backend among the available ones. The loops reference is 0. */
    int priority();

    /** Whether the backend can run here, loading natives or opening devices as needed. Never throws. */
    Availability probe();

    /** Creates the backend's kernels, which vecnn wraps in its front end. Called only after {@link #probe()} reported it available. */
    Kernels create();
}
