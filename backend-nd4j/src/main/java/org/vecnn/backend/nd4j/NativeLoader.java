package org.vecnn.backend.nd4j;

/**
 * Loads ND4J's native libraries and says what it loaded. Separate from the provider so that a test can make
 * the load fail without a broken machine.
 */
@FunctionalInterface
interface NativeLoader {
    /**
     * Loads the natives, or fails with whatever the native stack throws ({@link UnsatisfiedLinkError},
     * {@link ExceptionInInitializerError}, ...).
     *
     * @return what was loaded, in words, for {@code Backends.report()}
     */
    String load() throws Throwable;
}
