package org.vecnn.cli;

import org.vecnn.DType;
import org.vecnn.Backend;

/** One timed job of {@code vecnn bench}: its operands are made once, then the job is run repeatedly. */
interface Workload {
    /** What is timed, in words. */
    String name();

    /** The workload whose run on the loops backend is this one's baseline (itself, but for the vectorized forms). */
    default String baseline() {
        return name();
    }

    /** Allocates the operands and outputs on {@code backend} and returns the job to time. */
    Runnable prepare(Backend backend, DType dtype);
}
