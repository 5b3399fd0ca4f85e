package org.vecnn.tck;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a test run, every TCK check that was skipped and why (a dtype the backend does not
 * run, a primitive left to the reference implementation), grouped by reason, so the console says what was not
 * checked instead of hiding it in the XML reports. Registered with the JUnit Platform through the TCK jar's
 * {@code META-INF/services}; silent for runs without skipped TCK checks.
 */
public final class SkipReasonSummary implements TestExecutionListener {
    private final Map<String, Integer> reasons = new TreeMap<>();
    private final PrintStream out;

    /** Prints to standard output. */
    public SkipReasonSummary() {
        this(System.out);
    }

    SkipReasonSummary(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private synchronized void record(TestIdentifier test, String reason) {
        if (isTckCheck(test)) {
            reasons.merge(reason == null ? "(no reason given)" : reason, 1, Integer::sum);
        }
    }

    /**
     * A check of the TCK: a method of a {@link BackendTck} subclass, whatever package the subclass is in (a
     * third party's {@code com.example.MyBackendTckTest} included), or of a class in the TCK's own package.
     */
    static boolean isTckCheck(TestIdentifier test) {
        if (test.getUniqueId().contains("org.vecnn.tck")) {
            return true;
        }
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(SkipReasonSummary::declaredByTckClass).orElse(false);
    }

    private static boolean declaredByTckClass(MethodSource source) {
        try {
            return BackendTck.class.isAssignableFrom(source.getJavaClass());
        } catch (RuntimeException e) { // a class the listener's loader cannot see is not one of the TCK's
            return false;
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (reasons.isEmpty()) {
            return;
        }
        int total = reasons.values().stream().mapToInt(Integer::intValue).sum();
        out.println("[vecnn TCK] " + total + " check(s) not run, by reason:");
        reasons.forEach((reason, count) -> out.println("[vecnn TCK]   " + count + " x " + reason));
        reasons.clear();
    }
}
