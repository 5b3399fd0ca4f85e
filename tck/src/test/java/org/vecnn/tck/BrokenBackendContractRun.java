package org.vecnn.tck;

import org.vecnn.Backend;

/**
 * The TCK run against a backend with a classic bug: products with a zero factor skipped, so {@code 0 * Inf}
 * and {@code 0 * NaN} vanish instead of giving NaN. Not a test itself (Surefire does not pick this name up);
 * {@link TckCatchesBrokenBackendsTest} runs it and expects failures.
 */
class BrokenBackendContractRun extends BackendTck {
    @Override
    protected String backendName() {
        return "broken";
    }

    @Override
    protected Backend createBackend() {
        return BROKEN;
    }

    @Override
    public int generatedCases() {
        return 100;
    }

    private static final Backend BROKEN = Backend.of("broken", new MinimalBackend() {
        @Override
        float product(float x, float y) {
            return x == 0.0f || y == 0.0f ? 0.0f : x * y;
        }
    });
}
