package org.vecnn.it;

import org.vecnn.tck.BackendTck;

/** The TCK on the EJML backend. */
class EjmlTckIT extends BackendTck {
    @Override
    protected String backendName() {
        return "ejml";
    }
}
