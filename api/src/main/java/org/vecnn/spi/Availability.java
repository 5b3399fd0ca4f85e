package org.vecnn.spi;

import java.util.Objects;

/**
 * The outcome of {@link BackendProvider#probe()}: the backend can be created here, or it cannot and this
 * says why in words a user can act on (a missing native library, no OpenCL device, a missing JVM flag).
 */
public final class Availability {
    private final boolean available;
    private final String detail;

    private Availability(boolean available, String detail) {
        this.available = available;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The backend can be created; {@code detail} says on what, e.g. the device found. */
    public static Availability available(String detail) {
        return new Availability(true, detail);
    }

    /** The backend cannot be created here, for the {@code reason} given. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    /** Whether the backend can be created. */
    public boolean isAvailable() {
        return available;
    }

    /** What was found when available, why not when unavailable. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return (available ? "available: " : "unavailable: ") + detail;
    }
}
