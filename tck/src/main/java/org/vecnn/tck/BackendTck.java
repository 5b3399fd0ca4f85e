package org.vecnn.tck;

import org.vecnn.Backends;
import org.vecnn.backend.loops.LoopsProvider;
import org.vecnn.spi.Backend;
import org.vecnn.spi.Tolerances;

/**
 * The backend contract, as JUnit 5 tests. To check a backend, extend this class in its test sources and name
 * the backend:
 *
 * <pre>{@code
 * class MyBackendTckTest extends BackendTck {
 *     @Override protected String backendName() { return "mine"; }
 * }
 * }</pre>
 *
 * <p>It checks, against the loops reference backend: the four core operations on generated operands (a few
 * thousand per operation and dtype: random ranks, broadcasts, size-0 and size-1 dimensions, batches), the
 * extended operations a network needs, NumPy's edge shapes, IEEE special values, every error case, and eight
 * threads sharing the backend. Tolerances are documented in {@link Tolerances}. A dtype or an operation the
 * backend does not run natively is reported as skipped with the reason. Set the system property
 * {@code vecnn.tck.seed} to replay other cases.
 */
public abstract class BackendTck implements CoreOpsContract, ExtendedOpsContract, EdgeCaseContract, IeeeContract,
        ErrorContract, ConcurrencyContract, CapabilityContract {

    /** The name of the backend under test, as its provider gives it. */
    protected abstract String backendName();

    /** The backend under test: by default the one {@link Backends#get(String)} finds by {@link #backendName()}. */
    @Override
    public Backend backend() {
        return Backends.get(backendName());
    }

    /** The loops reference backend. */
    @Override
    public final Backend reference() {
        return Backends.get(LoopsProvider.NAME);
    }

    /** Generated cases per core operation and dtype; 2000 unless overridden. */
    @Override
    public int generatedCases() {
        return 2000;
    }

    /** The seed of the generated cases: the system property {@code vecnn.tck.seed}, else a fixed one. */
    @Override
    public long seed() {
        return Long.getLong("vecnn.tck.seed", 20_261_124L);
    }
}
