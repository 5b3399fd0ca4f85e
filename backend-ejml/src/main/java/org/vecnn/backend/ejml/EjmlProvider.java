package org.vecnn.backend.ejml;

import org.vecnn.spi.Availability;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.BackendProvider;

/**
 * Provides the {@code ejml} backend: EJML's dense row-major kernels, pure Java, available wherever the EJML
 * jars are on the class path. Priority 20: above the loops reference, below native BLAS backends.
 */
public final class EjmlProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "ejml";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability probe() {
        try {
            Class.forName("org.ejml.dense.row.CommonOps_FDRM", false, EjmlProvider.class.getClassLoader());
            Class.forName("org.ejml.dense.row.CommonOps_MT_DDRM", false, EjmlProvider.class.getClassLoader());
            return Availability.available("EJML " + org.ejml.EjmlVersion.VERSION + " dense row-major kernels, "
                    + Runtime.getRuntime().availableProcessors() + " processors");
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable("EJML is not on the class path (add org.ejml:ejml-fdense and "
                    + "ejml-ddense): " + e);
        }
    }

    @Override
    public Kernels create() {
        return new EjmlBackend(Threading.fromSystemProperties());
    }
}
