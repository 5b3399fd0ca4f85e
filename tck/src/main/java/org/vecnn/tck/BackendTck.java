package org.vecnn.tck;

import org.vecnn.Backends;
import org.vecnn.backend.loops.LoopsProvider;
import org.vecnn.Backend;
import org.vecnn.Tolerances;

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
 * <p>A backend under development needs no services file: override {@link #createBackend()} instead, e.g.
 * {@code return Backend.of("mine", new MyKernels());}.
 *
 * <p>The TCK runs on the JUnit Platform: it needs maven-surefire-plugin (or failsafe) 2.22.0 or later, 3.x
 * recommended. Maven 3.8's default Surefire, 2.12.4, does not run JUnit 5 tests and used to report
 * "Tests run: 0 ... BUILD SUCCESS"; under it, {@link #testRequiresTheJUnitPlatform()} runs instead and fails
 * the build with this advice, provided the test class is public (Surefire 2.12.4 skips other classes).
 *
 * <p>It checks, against the loops reference backend: the four core operations on generated operands (a few
 * thousand per operation and dtype: random ranks, broadcasts, size-0 and size-1 dimensions, batches), the
 * extended operations a network needs, NumPy's edge shapes, IEEE special values, every error case, and eight
 * threads sharing the backend. Tolerances are documented in {@link Tolerances}. A dtype or an operation the
 * backend does not run natively is reported as skipped with the reason. Set the system property
 * {@code vecnn.tck.seed} to replay other cases.
 */
public abstract class BackendTck implements CoreOpsContract, ExtendedOpsContract, SurfaceOpsContract, EdgeCaseContract,
        IeeeContract, ErrorContract, ConcurrencyContract, CapabilityContract, AliasingContract {

    /** The name of the backend under test, as its provider gives it. */
    protected abstract String backendName();

    private Backend backend;

    /**
     * Creates the backend under test, once per test instance: by default the one {@link Backends#get(String)}
     * finds by {@link #backendName()}. Override it to test kernels without a services file.
     */
    protected Backend createBackend() {
        return Backends.get(backendName());
    }

    /** The backend under test, from {@link #createBackend()}. */
    @Override
    public final Backend backend() {
        if (backend == null) {
            backend = createBackend();
        }
        return backend;
    }

    /**
     * Not a JUnit test: run only by test runners that predate the JUnit Platform (Surefire 2.12.4, Maven
     * 3.8's default, calls public {@code test*} methods of plain classes), where it fails the build instead of
     * letting it pass with no check run.
     */
    public void testRequiresTheJUnitPlatform() {
        throw new AssertionError("The vecnn TCK (" + getClass().getName() + ") is a JUnit 5 suite and did not run: "
                + "this build's test runner predates the JUnit Platform. Use maven-surefire-plugin 3.5.2 (at least "
                + "2.22.0) and junit-jupiter; see vecnn's docs/writing-a-backend.md.");
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
