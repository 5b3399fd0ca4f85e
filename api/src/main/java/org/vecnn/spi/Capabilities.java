package org.vecnn.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.vecnn.DType;

/**
 * What a backend says of itself: the dtypes it runs, the device it runs on, and the operations it runs with
 * its own kernels rather than the SPI's reference implementations.
 */
public final class Capabilities {
    private final String device;
    private final Set<DType> dtypes;
    private final Set<Op> accelerated;

    private Capabilities(String device, Set<DType> dtypes, Set<Op> accelerated) {
        this.device = device;
        this.dtypes = Collections.unmodifiableSet(dtypes.isEmpty() ? EnumSet.noneOf(DType.class) : EnumSet.copyOf(dtypes));
        this.accelerated = Collections.unmodifiableSet(accelerated.isEmpty() ? EnumSet.noneOf(Op.class) : EnumSet.copyOf(accelerated));
    }

    /**
     * @param device      a human-readable description of where the kernels run, e.g. {@code "CPU (Java heap)"}
     * @param dtypes      the dtypes the backend accepts; at least one
     * @param accelerated the operations the backend implements itself
     */
    public static Capabilities of(String device, Set<DType> dtypes, Set<Op> accelerated) {
        if (device == null || dtypes == null || dtypes.isEmpty() || accelerated == null) {
            throw new IllegalArgumentException("capabilities: device, a non-empty dtype set and the accelerated ops are required");
        }
        return new Capabilities(device, dtypes, accelerated);
    }

    /** Where the kernels run, in words. */
    public String device() {
        return device;
    }

    /** The dtypes this backend creates and computes on; other dtypes are rejected with a clear error. */
    public Set<DType> dtypes() {
        return dtypes;
    }

    /** Whether the backend runs {@code dtype}. */
    public boolean supports(DType dtype) {
        return dtypes.contains(dtype);
    }

    /** The operations this backend runs with kernels of its own (the core ones always among them). */
    public Set<Op> accelerated() {
        return accelerated;
    }

    @Override
    public String toString() {
        return "device=" + device + ", dtypes=" + dtypes + ", accelerated=" + accelerated;
    }
}
