package org.vecnn.bench.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.vecnn.spi.ForwardingKernels;
import org.vecnn.spi.Kernels;

/**
 * A decorator that times every primitive call of another backend's kernels, keyed by primitive and shape, while
 * {@link #recording}; the storages pass through untouched, so the backend sees its own. Single-threaded callers
 * only (the MLP's training loop).
 */
final class TimingKernels extends ForwardingKernels {
    private final Map<String, long[]> durations = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    boolean recording;

    TimingKernels(Kernels delegate) {
        super(delegate);
    }

    /** Forgets what was recorded. */
    void clear() {
        durations.clear();
        counts.clear();
    }

    /** The recorded call durations of each key, in nanoseconds, sorted. */
    Map<String, long[]> sorted() {
        Map<String, long[]> result = new TreeMap<>();
        durations.forEach((key, values) -> {
            long[] copy = Arrays.copyOf(values, counts.get(key));
            Arrays.sort(copy);
            result.put(key, copy);
        });
        return result;
    }

    private void record(String key, long duration) {
        int n = counts.getOrDefault(key, 0);
        long[] values = durations.computeIfAbsent(key, k -> new long[1024]);
        if (n == values.length) {
            values = Arrays.copyOf(values, 2 * n);
            durations.put(key, values);
        }
        values[n] = duration;
        counts.put(key, n + 1);
    }

    @Override
    protected long before(String primitive) {
        return System.nanoTime();
    }

    @Override
    protected void after(String primitive, long start, Supplier<String> shape) {
        if (recording) {
            long duration = System.nanoTime() - start;
            record(primitive + " " + shape.get(), duration);
        }
    }
}
