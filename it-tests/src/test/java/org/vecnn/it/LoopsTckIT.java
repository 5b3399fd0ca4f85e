package org.vecnn.it;

import org.vecnn.tck.BackendTck;

/** The TCK on the loops reference backend. */
class LoopsTckIT extends BackendTck {
    @Override
    protected String backendName() {
        return "loops";
    }
}
