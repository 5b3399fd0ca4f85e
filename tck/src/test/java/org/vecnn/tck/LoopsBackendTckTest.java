package org.vecnn.tck;

import org.vecnn.backend.loops.LoopsProvider;

/** The reference meets its own contract: shapes, errors, IEEE values and threads are checked independently of it. */
class LoopsBackendTckTest extends BackendTck {
    @Override
    protected String backendName() {
        return LoopsProvider.NAME;
    }
}
