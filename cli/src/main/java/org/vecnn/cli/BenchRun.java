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
        /** Baseline time divided by this time: how many times faster than the loops baseline. */
        double speedup;
        /** The baseline this is compared with: the loops backend running {@code baselineWorkload}. */
        final String baselineWorkload;

        Result(Workload workload, Backend backend, DType dtype, Stopwatch.Timing timing) {
            this.workload = workload.name();
            this.backend = backend.name();
            this.dtype = dtype.numpyName();
            this.medianMillis = timing.medianMillis;
            this.repeats = timing.repeats;
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
            r.speedup = baselineMillis(results, r) / r.medianMillis;
        }
        return results;
    }

    private static double baselineMillis(List<Result> results, Result r) {
        for (Result candidate : results) {
            if (candidate.backend.equals(BASELINE_BACKEND) && candidate.workload.equals(r.baselineWorkload)
                    && candidate.dtype.equals(r.dtype)) {
                return candidate.medianMillis;
            }
        }
        throw new IllegalStateException("no " + BASELINE_BACKEND + " baseline for " + r.workload + " " + r.dtype);
    }

    /** A speed-up with the digits that matter: 343x, 6.7x, 0.04x. */
    static String ratio(double speedup) {
        if (speedup >= 100) {
            return String.format("%.0fx", speedup);
        }
        return speedup >= 1 ? String.format("%.1fx", speedup) : String.format("%.2gx", speedup);
    }

    static String table(List<Result> results) {
        Table table = new Table("workload", "dtype", "backend", "median ms", "runs", "speed-up vs loops").rightAlign(3, 4, 5);
        for (Result r : results) {
            table.row(r.workload, r.dtype, r.backend, String.format("%.3f", r.medianMillis), r.repeats, ratio(r.speedup));
        }
        return table.toString();
    }
}
