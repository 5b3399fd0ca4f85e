package org.vecnn.nn;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (an OpenCL driver, fonts): where it is missing the test is reported as
 * skipped with the package to install, or fails under {@code -Dvecnn.requireAll=true}, which {@code .ci/run}
 * sets so that CI never passes on less.
 */
final class Environment {
    /** The system property that turns a missing driver or font into a failure. */
    static final String REQUIRE_ALL = "vecnn.requireAll";

    private Environment() {
    }

    /** Returns if {@code missing} is null; else skips the test, or fails it under {@value #REQUIRE_ALL}. */
    static void require(String missing) {
        if (missing == null) {
            return;
        }
        if (Boolean.getBoolean(REQUIRE_ALL)) {
            Assertions.fail(missing + " (-D" + REQUIRE_ALL + "=true demands it)");
        }
        Assumptions.assumeTrue(false, "not run for want of it: " + missing);
    }
}
