package org.vecnn.tck;

import org.vecnn.Backend;
import org.vecnn.spi.ProductPlan;
import org.vecnn.spi.Storage;

/**
 * The TCK run against a backend whose batched products index past their operands, as a kernel that forgets
 * the batch offsets does: an {@link ArrayIndexOutOfBoundsException} from inside the kernel. Not a test itself;
 * {@link TckCatchesBrokenBackendsTest} runs it and expects a failure that names the operation and the shapes.
 */
class BrokenIndexingContractRun extends BackendTck {
    @Override
    protected String backendName() {
        return "broken-indexing";
    }

    @Override
    protected Backend createBackend() {
        return BROKEN;
    }

    @Override
    public int generatedCases() {
        return 200;
    }

    private static final Backend BROKEN = Backend.of("broken-indexing", new MinimalBackend() {
        @Override
        public void matmul(ProductPlan p, Storage a, Storage b, Storage out) {
            if (p.batchCount() > 1) {
                throw new ArrayIndexOutOfBoundsException("Index " + a.size() + " out of bounds for length " + a.size());
            }
            super.matmul(p, a, b, out);
        }
    });
}
