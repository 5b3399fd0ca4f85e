package org.vecnn.nn;

import org.vecnn.digits.GeneratedDigits;
import org.vecnn.tck.Environment;

/** {@link GeneratedDigits} for tests: skipped (or failed under -Dvecnn.requireAll=true) where fonts are missing. */
public final class Digits {
    private Digits() {
    }

    public static Dataset generate(int count, long seed) {
        Environment.require(GeneratedDigits.unavailableReason());
        GeneratedDigits.Images images = GeneratedDigits.generate(count, seed);
        return Dataset.classification(images.pixels(), GeneratedDigits.PIXELS, images.labels(), GeneratedDigits.CLASSES);
    }
}
