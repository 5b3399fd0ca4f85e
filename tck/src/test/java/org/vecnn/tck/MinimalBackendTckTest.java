package org.vecnn.tck;

/** The TCK passes for a backend that implements only the four core kernels. */
class MinimalBackendTckTest extends BackendTck {
    @Override
    protected String backendName() {
        return "minimal";
    }
}
