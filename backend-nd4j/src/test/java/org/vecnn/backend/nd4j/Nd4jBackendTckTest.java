package org.vecnn.backend.nd4j;

import org.vecnn.tck.BackendTck;

/** The backend contract on the nd4j backend. */
class Nd4jBackendTckTest extends BackendTck {
    @Override
    protected String backendName() {
        return Nd4jProvider.NAME;
    }
}
