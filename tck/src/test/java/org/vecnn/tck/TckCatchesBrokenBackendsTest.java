package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The TCK can fail: backends with classic bugs are caught, by the checks that target those bugs. */
class TckCatchesBrokenBackendsTest {

    @Test
    void zeroSkippingMatmulFailsTheIeeeContract() {
        Events tests = run("productsPropagateNaNAndInfinity");
        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(tests.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .hasMessageContaining("FLOAT32");
    }

    @Test
    void sameBackendPassesChecksItsBugDoesNotTouch() {
        assertThat(run("addFloat32").succeeded().count()).isEqualTo(1);
        assertThat(run("matmulFloat64").succeeded().count()).isEqualTo(1);
    }

    @Test
    void indexWrappingBroadcastFailsTheGeneratedCasesAndEdgeShapes() {
        assertThat(run(BrokenBroadcastContractRun.class, "addFloat64").failed().count()).isEqualTo(1);
        assertThat(run(BrokenBroadcastContractRun.class, "broadcastShapesAndValues").failed().count()).isEqualTo(1);
        assertThat(run(BrokenBroadcastContractRun.class, "addFloat32").succeeded().count()).isEqualTo(1);
    }

    @Test
    void mathMaxAsMaximumAndANanSkippingMinFailTheSurfaceContract() {
        assertThat(run(BrokenSurfaceContractRun.class, "binaryFunctionsMatchTheReference").failed().count()).isEqualTo(1);
        assertThat(run(BrokenSurfaceContractRun.class, "minProdArgminAndStatisticsMatchTheReference").failed().count())
                .isEqualTo(1);
        assertThat(run(BrokenSurfaceContractRun.class, "whereMatchesTheReferenceExactly").succeeded().count()).isEqualTo(1);
    }

    @Test
    void aKernelThatCrashesIsReportedWithTheOperationDtypeAndShapes() {
        Events tests = run(BrokenIndexingContractRun.class, "matmulFloat64");
        assertThat(tests.failed().count()).isEqualTo(1);
        Throwable failure = tests.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("MATMUL float64 (")
                .hasMessageContaining("the backend under test threw java.lang.ArrayIndexOutOfBoundsException in the allocating form")
                .hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    /** Under a pre-JUnit-Platform runner (Surefire 2.12.4 calls public test* methods) the TCK fails loudly. */
    @Test
    void aRunnerThatCannotRunTheTckFailsInsteadOfPassingEmpty() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MinimalBackendTckTest().testRequiresTheJUnitPlatform())
                .isInstanceOf(AssertionError.class).hasMessageContaining("maven-surefire-plugin 3.5.2 (at least 2.22.0)");
        assertThat(run(MinimalBackendTckTest.class, "testRequiresTheJUnitPlatform").started().count())
                .as("not a JUnit test on the JUnit Platform").isZero();
    }

    private static Events run(String method) {
        return run(BrokenBackendContractRun.class, method);
    }

    private static Events run(Class<?> contractRun, String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(contractRun, method))
                .execute()
                .testEvents();
    }
}
