package org.vecnn.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times a job the way a benchmark should on a noisy machine: warm-up runs first (the JIT compiles, caches
 * fill), then the median of repeated runs, as many as fit in the time budget but never fewer than the
 * minimum.
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

        Timing(double medianMillis, int repeats) {
            this.medianMillis = medianMillis;
            this.repeats = repeats;
        }
    }

    Timing time(Runnable job) {
        long warmupStart = System.nanoTime();
        int warmups = 0;
        do {
            job.run();
            warmups++;
        } while (warmups < 3 && System.nanoTime() - warmupStart < budgetNanos / 3);
        List<Long> runs = new ArrayList<>();
        long start = System.nanoTime();
        while (runs.size() < minRepeats || (runs.size() < maxRepeats && System.nanoTime() - start < budgetNanos)) {
            long t0 = System.nanoTime();
            job.run();
            runs.add(System.nanoTime() - t0);
        }
        Collections.sort(runs);
        int n = runs.size();
        double median = n % 2 == 1 ? runs.get(n / 2) : (runs.get(n / 2 - 1) + runs.get(n / 2)) / 2.0;
        return new Timing(median / 1e6, n);
    }
}
