package org.vecnn.it;

import org.vecnn.tck.BackendTck;

/** The TCK on the Vector API backend. */
class VectorTckIT extends BackendTck {
    @Override
    protected String backendName() {
        return "vector";
    }
}
