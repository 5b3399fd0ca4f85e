package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.DType;
import org.vecnn.Backend;

/** Times every workload on every backend and dtype in one process, and relates each time to its baseline. */
final class BenchRun {
    static final String BASELINE_BACKEND = "loops";

    /** One timed (workload, backend, dtype). */
    static final class Result {
        final String workload;
        final String backend;
        final String dtype;
        final double medianMillis;
        final int repeats;
        /** The interquartile range of the runs, in milliseconds. */
        final double q1Millis;
        final double q3Millis;
        /** The fastest and the slowest run, in milliseconds. */
        final double minMillis;
        final double maxMillis;
        /** Baseline time divided by this time: how many times faster than the loops baseline. */
        double speedup;
        /**
         * False when this time's or its baseline's interquartile range exceeds {@link Spread#UNSTEADY} of its
         * median: the speed-up is then not to be trusted.
         */
        boolean speedupTrusted;
        private final transient Spread spread;
        /** The baseline this is compared with: the loops backend running {@code baselineWorkload}. */
        final String baselineWorkload;

        Result(Workload workload, Backend backend, DType dtype, Stopwatch.Timing timing) {
            this.workload = workload.name();
            this.backend = backend.name();
            this.dtype = dtype.numpyName();
            this.medianMillis = timing.medianMillis;
            this.repeats = timing.repeats;
            this.spread = timing.millis;
            this.q1Millis = spread.q1;
            this.q3Millis = spread.q3;
            this.minMillis = spread.min;
            this.maxMillis = spread.max;
            this.baselineWorkload = workload.baseline();
        }
    }

    private BenchRun() {
    }

    /** Runs everything; {@code backends} must include the loops baseline. */
    static List<Result> run(List<Workload> workloads, List<Backend> backends, List<DType> dtypes, Stopwatch stopwatch, Progress progress) {
        List<Result> results = new ArrayList<>();
        for (Workload workload : workloads) {
            for (DType dtype : dtypes) {
                for (Backend backend : backends) {
                    if (backend.capabilities().supports(dtype)) {
                        results.add(new Result(workload, backend, dtype, stopwatch.time(workload.prepare(backend, dtype))));
                    }
                    progress.step(workload.name() + " " + backend.name() + " " + dtype.numpyName());
                }
            }
        }
        for (Result r : results) {
            Result baseline = baseline(results, r);
            r.speedup = baseline.medianMillis / r.medianMillis;
            r.speedupTrusted = !baseline.spread.unsteady() && !r.spread.unsteady();
        }
        return results;
    }

    private static Result baseline(List<Result> results, Result r) {
        for (Result candidate : results) {
            if (candidate.backend.equals(BASELINE_BACKEND) && candidate.workload.equals(r.baselineWorkload)
                    && candidate.dtype.equals(r.dtype)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + BASELINE_BACKEND + " baseline for " + r.workload + " " + r.dtype);
    }

    /** A speed-up with the digits that matter: 343x, 6.7x, 0.04x. */
    static String ratio(double speedup) {
        if (speedup >= 100) {
            return String.format("%.0fx", speedup);
        }
        if (speedup >= 10) {
            return String.format("%.1fx", speedup);
        }
        return speedup >= 0.1 ? String.format("%.2fx", speedup) : String.format("%.2gx", speedup);
    }

    /** A speed-up, marked with {@code ?} when the spread of either time makes it untrustworthy. */
    static String markedRatio(Result r) {
        return ratio(r.speedup) + (r.speedupTrusted ? "  " : " ?");
    }

    /** Milliseconds with three significant digits at least: 0.00123, 0.512, 12.3, 1234. */
    static String millis(double ms) {
        return ms >= 100 ? String.format("%.0f", ms) : ms >= 1 ? String.format("%.2f", ms) : String.format("%.3g", ms);
    }

    static String table(List<Result> results) {
        Table table = new Table("workload", "dtype", "backend", "median ms", "IQR ms", "min-max ms", "runs",
                "speed-up", "against loops running").rightAlign(3, 4, 5, 6, 7);
        boolean unsteady = false;
        for (Result r : results) {
            table.row(r.workload, r.dtype, r.backend, millis(r.medianMillis), millis(r.q1Millis) + "-" + millis(r.q3Millis),
                    millis(r.minMillis) + "-" + millis(r.maxMillis), r.repeats, markedRatio(r),
                    r.baselineWorkload.equals(r.workload) ? "the same workload" : r.baselineWorkload);
            unsteady |= !r.speedupTrusted;
        }
        String text = table.toString()
                + "speed-up: the loops backend's median time on the workload named in the last column, divided by this "
                + "row's median (times measured after warm-up runs, in one process)" + System.lineSeparator();
        if (unsteady) {
            text += "? the interquartile range of this time or of its loops baseline exceeds "
                    + Math.round(Spread.UNSTEADY * 100) + "% of its median: do not trust that speed-up"
                    + System.lineSeparator();
        }
        return text;
    }
}
