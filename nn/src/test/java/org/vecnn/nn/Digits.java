package org.vecnn.nn;

import org.vecnn.tck.Environment;

/** {@link GeneratedDigits} for tests: skipped (or failed under -Dvecnn.requireAll=true) where fonts are missing. */
final class Digits {
    private Digits() {
    }

    static Dataset generate(int count, long seed) {
        Environment.require(GeneratedDigits.unavailableReason());
        return GeneratedDigits.generate(count, seed);
    }
}
