package org.vecnn.tck;

import org.vecnn.spi.Availability;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.BackendProvider;

/** Registers {@link MinimalBackend} under the name {@code minimal}, as a third-party jar would. */
public class MinimalProvider implements BackendProvider {
    @Override
    public String name() {
        return "minimal";
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Availability probe() {
        return Availability.available("the TCK's own four-kernel test backend");
    }

    @Override
    public Kernels create() {
        return new MinimalBackend();
    }
}
