package org.vecnn.cli;

import java.util.Arrays;
import java.util.List;

/**
 * A median with its spread: minimum, quartiles (linear interpolation, as NumPy's default percentile) and
 * maximum of repeated measurements, and the raw values in the order they were taken.
 */
final class Spread {
    /** The interquartile range, relative to the median, above which a figure is too unsteady to trust. */
    static final double UNSTEADY = 0.25;

    final double median;
    final double min;
    final double q1;
    final double q3;
    final double max;
    final double[] values;

    private Spread(double[] values) {
        this.values = values.clone();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        this.min = sorted[0];
        this.max = sorted[sorted.length - 1];
        this.median = quantile(sorted, 0.5);
        this.q1 = quantile(sorted, 0.25);
        this.q3 = quantile(sorted, 0.75);
    }

    /** The spread of {@code values}; at least one. */
    static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("spread: no values");
        }
        return new Spread(values);
    }

    static Spread of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Every value multiplied by {@code factor} (e.g. seconds to samples per second, with 1/x first). */
    Spread scaled(double factor) {
        double[] scaled = values.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        return of(scaled);
    }

    /** {@code numerator / v} for every value v: times to rates. */
    Spread inverse(double numerator) {
        double[] inverted = values.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = numerator / inverted[i];
        }
        return of(inverted);
    }

    /** The interquartile range relative to the median. */
    double relativeIqr() {
        return (q3 - q1) / median;
    }

    /** Whether the interquartile range exceeds {@value #UNSTEADY} of the median. */
    boolean unsteady() {
        return relativeIqr() > UNSTEADY;
    }

    int count() {
        return values.length;
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
