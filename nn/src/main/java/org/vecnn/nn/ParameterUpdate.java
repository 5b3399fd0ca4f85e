package org.vecnn.nn;

import org.vecnn.Tensor;

/** One optimizer step for one parameter tensor, in place, with state kept on the backend. */
interface ParameterUpdate {
    /**
     * Moves {@code parameter} against {@code gradient} (which the update may overwrite) at optimizer step
     * {@code step}, counted from 1.
     */
    void apply(Tensor parameter, Tensor gradient, long step);

    /** Releases the optimizer state this update keeps on the backend; none by default. */
    default void close() {
    }
}
