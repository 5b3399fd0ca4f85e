package org.vecnn.it;

import org.junit.jupiter.api.BeforeAll;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.Backend;
import org.vecnn.tck.BackendTck;
import org.vecnn.tck.Environment;

/** The TCK on the aparapi backend, on the OpenCL device CI has (pocl on the CPU), with shared memory off. */
class AparapiTckIT extends BackendTck {
    @Override
    protected String backendName() {
        return "aparapi";
    }

    /** Skips (or fails) the whole class without an OpenCL driver. */
    @BeforeAll
    static void openClDriver() {
        Environment.require(missingDriver());
    }

    static String missingDriver() {
        BackendStatus status = Backends.report().stream().filter(s -> s.name().equals("aparapi")).findFirst().orElseThrow();
        return status.available() ? null : "aparapi needs an OpenCL driver (Debian: ocl-icd-libopencl1 and "
                + "pocl-opencl-icd, or a GPU vendor's ICD): " + status.detail();
    }

    /** The backend; skipped (or failed under -Dvecnn.requireAll=true, as .ci/run sets) without an OpenCL driver. */
    @Override
    protected Backend createBackend() {
        Environment.require(missingDriver());
        return super.createBackend();
    }
}
