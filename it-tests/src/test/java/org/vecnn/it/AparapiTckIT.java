package org.vecnn.it;

import org.vecnn.tck.BackendTck;

/** The TCK on the aparapi backend, on the OpenCL device CI has (pocl on the CPU), with shared memory off. */
class AparapiTckIT extends BackendTck {
    @Override
    protected String backendName() {
        return "aparapi";
    }
}
