package org.vecnn.tck;

import org.vecnn.Tensor;
import org.vecnn.spi.Backend;
import org.vecnn.spi.MatmulLayout;

/** A second backend whose tensors the backend under test must refuse; its kernels are never reached. */
final class ForeignBackend extends Backend {
    @Override
    public String name() {
        return "tck-foreign";
    }

    @Override
    protected void matmulKernel(Tensor a, Tensor b, Tensor out, MatmulLayout layout) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }

    @Override
    protected void dotKernel(Tensor a, Tensor b, Tensor out) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }

    @Override
    protected void multiplyKernel(Tensor a, Tensor b, Tensor out) {
        throw new AssertionError("a foreign tensor reached a kernel");
    }
}
