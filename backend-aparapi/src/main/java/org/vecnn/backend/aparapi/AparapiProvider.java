package org.vecnn.backend.aparapi;

import org.vecnn.DType;
import org.vecnn.spi.Availability;
import org.vecnn.spi.Kernels;
import org.vecnn.spi.BackendProvider;

/**
 * Provides the {@code aparapi} backend: OpenCL kernels on a GPU if one is listed, else on an OpenCL CPU device
 * (pocl). Priority 10: above the loops reference, below the BLAS-backed CPU backends, which beat OpenCL on a
 * CPU. The probe selects the device ({@value DeviceChoice#PROPERTY}), compiles the kernels and runs a round
 * trip through device memory; any failure makes the backend unavailable with the reason, never a silent run
 * in Java threads.
 */
public final class AparapiProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "aparapi";

    private Setup setup;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability probe() {
        try {
            Setup s = setup();
            return s.failure == null ? Availability.available(s.detail) : Availability.unavailable(s.failure);
        } catch (Throwable e) {
            return Availability.unavailable("aparapi: " + e);
        }
    }

    @Override
    public Kernels create() {
        Setup s = setup();
        if (s.failure != null) {
            throw new IllegalStateException("aparapi is unavailable: " + s.failure);
        }
        return s.backend;
    }

    /** Device choice, compilation and self-test, done once. */
    private synchronized Setup setup() {
        if (setup == null) {
            setup = Setup.run(System.getProperty(DeviceChoice.PROPERTY));
        }
        return setup;
    }

    private static final class Setup {
        final AparapiBackend backend;
        final String detail;
        final String failure;

        private Setup(AparapiBackend backend, String detail, String failure) {
            this.backend = backend;
            this.detail = detail;
            this.failure = failure;
        }

        static Setup run(String deviceSpec) {
            try {
                Target target = DeviceChoice.choose(deviceSpec);
                DeviceProgram float32 = DeviceProgram.compile(DType.FLOAT32, target);
                DeviceProgram float64 = null;
                String fp64 = null;
                try {
                    float64 = DeviceProgram.compile(DType.FLOAT64, target);
                } catch (UnavailableException | IllegalStateException e) {
                    // FLOAT64 that does not compile or run leaves a FLOAT32 backend, which says why.
                    fp64 = e.getMessage();
                }
                AparapiBackend backend = new AparapiBackend(float32, float64, fp64);
                return new Setup(backend, backend.device() + ", dtypes " + backend.dtypes(), null);
            } catch (UnavailableException e) {
                return new Setup(null, null, e.getMessage());
            } catch (LinkageError | RuntimeException e) {
                return new Setup(null, null, "aparapi failed to start: " + e);
            }
        }
    }
}
