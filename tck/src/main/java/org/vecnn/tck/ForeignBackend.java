package org.vecnn.tck;

import org.vecnn.Backend;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.Storage;

/** A second backend whose tensors the backend under test must refuse; its kernels are never reached. */
final class ForeignBackend extends Kernels {
    static Backend create() {
        return Backend.of("tck-foreign", new ForeignBackend());
    }

    @Override
    public void matmul(ProductPlan plan, Storage a, Storage b, Storage out) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }

    @Override
    public void dot(ProductPlan plan, Storage a, Storage b, Storage out) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }

    @Override
    public void add(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }

    @Override
    public void multiply(BroadcastPlan plan, Storage a, Storage b, Storage out) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }
}
