package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Times a job the way a benchmark should on a noisy machine: warm-up runs first, for a third of the time
 * budget (the JIT compiles, caches fill), then the median of repeated runs, as many as fit in the budget but
 * never fewer than the minimum nor more than the maximum; every run is kept, for the spread.
 */
final class Stopwatch {
    private final int minRepeats;
    private final int maxRepeats;
    private final long budgetNanos;

    Stopwatch(int minRepeats, int maxRepeats, long budgetNanos) {
        this.minRepeats = minRepeats;
        this.maxRepeats = maxRepeats;
        this.budgetNanos = budgetNanos;
    }

    /** The result of timing one job. */
    static final class Timing {
        final double medianMillis;
        final int repeats;
        /** Every timed run, in milliseconds, with its spread. */
        final Spread millis;

        Timing(Spread millis) {
            this.millis = millis;
            this.medianMillis = millis.median;
            this.repeats = millis.count();
        }
    }

    Timing time(Runnable job) {
        // Warm up for a third of the budget, not a count of runs: a fast job needs thousands of runs before
        // the JIT has compiled its loops, a slow one (a second or more) is compiled within its first run.
        long warmupStart = System.nanoTime();
        do {
            job.run();
        } while (System.nanoTime() - warmupStart < budgetNanos / 3);
        List<Double> runs = new ArrayList<>();
        long start = System.nanoTime();
        while (runs.size() < minRepeats || (runs.size() < maxRepeats && System.nanoTime() - start < budgetNanos)) {
            long t0 = System.nanoTime();
            job.run();
            runs.add((System.nanoTime() - t0) / 1e6);
        }
        return new Timing(Spread.of(runs));
    }
}
