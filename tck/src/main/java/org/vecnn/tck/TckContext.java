package org.vecnn.tck;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.vecnn.DType;
import org.vecnn.Backend;

/** What every group of the contract needs: the backend under test, the reference, and the run's parameters. */
interface TckContext {
    /** The backend under test. */
    Backend backend();

    /** The loops reference backend. */
    Backend reference();

    /** How many generated cases each core operation gets per dtype. */
    int generatedCases();

    /** The seed of every generated case; the same seed gives the same cases. */
    long seed();

    default Oracle oracle() {
        return new Oracle(backend(), reference());
    }

    /** Aborts (reports as skipped, never as passed) a check of a dtype the backend does not run. */
    default void assumeSupported(DType dtype) {
        Assumptions.assumeTrue(backend().capabilities().supports(dtype),
                () -> backend().name() + " does not run " + dtype.numpyName() + " (capabilities: "
                        + backend().capabilities().dtypes() + ")");
    }

    /** The dtypes the backend runs; aborts the check if there are none it shares with the TCK. */
    default List<DType> supportedDTypes() {
        return Arrays.stream(DType.values()).filter(d -> backend().capabilities().supports(d)).collect(Collectors.toList());
    }

    /** A seed for one check, derived from the run's seed and the check's name. */
    default long seedFor(String check) {
        return seed() * 31 + check.hashCode();
    }
}
