package org.vecnn;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a backend says of itself: where its kernels run, the dtypes it runs, and the kernel primitives it
 * implements with code of its own rather than vecnn's reference implementations. The last is derived from
 * the backend's code (the primitives it overrides), never written by hand.
 *
 * @param device      where the kernels run, in words, e.g. {@code "CPU (Java heap)"}
 * @param dtypes      the dtypes the backend creates and computes on
 * @param accelerated the names of the primitives the backend implements itself, e.g. {@code matmul}, {@code unary}
 */
public record Capabilities(String device, Set<DType> dtypes, Set<String> accelerated) {
    /** Copies the sets, unmodifiable. */
    public Capabilities {
        dtypes = Collections.unmodifiableSet(dtypes.isEmpty() ? EnumSet.noneOf(DType.class) : EnumSet.copyOf(dtypes));
        accelerated = Collections.unmodifiableSet(new TreeSet<>(accelerated));
    }

    /** Whether the backend runs {@code dtype}. */
    public boolean supports(DType dtype) {
        return dtypes.contains(dtype);
    }

    @Override
    public String toString() {
        return "device=" + device + ", dtypes=" + dtypes + ", accelerated=" + accelerated;
    }
}
