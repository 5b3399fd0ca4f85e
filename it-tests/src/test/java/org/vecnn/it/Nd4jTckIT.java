package org.vecnn.it;

import org.vecnn.tck.BackendTck;

/** The TCK on the nd4j backend (ND4J on OpenBLAS natives). */
class Nd4jTckIT extends BackendTck {
    @Override
    protected String backendName() {
        return "nd4j";
    }
}
