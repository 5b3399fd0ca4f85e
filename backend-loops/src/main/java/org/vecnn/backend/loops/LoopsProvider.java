package org.vecnn.backend.loops;

import org.vecnn.spi.Availability;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.BackendProvider;

/** Provides the {@code loops} reference backend: lowest priority, always available. */
public final class LoopsProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "loops";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.available("plain Java loops on the heap");
    }

    @Override
    public Kernels create() {
        return new LoopsBackend();
    }
}
