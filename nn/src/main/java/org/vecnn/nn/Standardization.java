package org.vecnn.nn;

import java.util.Arrays;

/**
 * Per-feature input scaling a network applies before its first layer: {@code (x - mean) / scale}, feature by
 * feature. Part of the model: {@link Mlp} applies it in {@code fit}, {@code evaluate}, {@code predict} and
 * {@code gradients} alike, and {@link Mlp#save} stores it, so data is given to a loaded model as it was given
 * to the trained one, unscaled. Immutable.
 *
 * <pre>{@code
 * Mlp net = Mlp.builder().input(64).standardize(Standardization.of(train)).dense(64, Activation.RELU) ...
 * }</pre>
 */
public final class Standardization {
    private final double[] means;
    private final double[] scales;

    private Standardization(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    /**
     * The given means and scales, one per feature.
     *
     * @throws IllegalArgumentException if the arrays are null, empty or of different lengths, a mean is not
     *                                  finite or a scale is not finite and positive (naming the feature)
     */
    public static Standardization of(double[] means, double[] scales) {
        if (means == null || scales == null || means.length == 0 || means.length != scales.length) {
            throw new IllegalArgumentException("standardization: " + (means == null ? "null" : means.length)
                    + " means and " + (scales == null ? "null" : scales.length)
                    + " scales; give one of each per feature, at least one feature");
        }
        for (int i = 0; i < means.length; i++) {
            if (!Double.isFinite(means[i]) || !Double.isFinite(scales[i]) || !(scales[i] > 0)) {
                throw new IllegalArgumentException("standardization: feature " + i + " (from 0) has mean " + means[i]
                        + " and scale " + scales[i] + "; a mean must be finite, a scale finite and positive");
            }
        }
        return new Standardization(means.clone(), scales.clone());
    }

    /**
     * The mean and the standard deviation (population, divided by n) of each feature of {@code data}, computed in
     * double; a feature whose deviation is 0 or not a normal double (a constant column) keeps scale 1, so it is
     * centred and not blown up.
     *
     * @throws IllegalArgumentException if {@code data} is null or empty, or holds non-finite features
     */
    public static Standardization of(Dataset data) {
        if (data == null || data.size() == 0) {
            throw new IllegalArgumentException("standardization: no data to compute the means and deviations of");
        }
        int n = data.size();
        int columns = data.featureCount();
        double[] x = data.featureDoubles();
        double[] means = new double[columns];
        for (int i = 0; i < x.length; i++) {
            means[i % columns] += x[i];
        }
        for (int c = 0; c < columns; c++) {
            means[c] /= n;
        }
        double[] scales = new double[columns];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - means[i % columns];
            scales[i % columns] += d * d;
        }
        for (int c = 0; c < columns; c++) {
            double deviation = Math.sqrt(scales[c] / n);
            scales[c] = deviation >= Double.MIN_NORMAL && Double.isFinite(deviation) ? deviation : 1;
            if (!Double.isFinite(means[c])) {
                throw new IllegalArgumentException("standardization: feature " + c + " (from 0) has a non-finite mean ("
                        + means[c] + "): the data holds NaN or infinite values; clean them first");
            }
        }
        return new Standardization(means, scales);
    }

    /** The number of features. */
    public int featureCount() {
        return means.length;
    }

    /** A copy of the means, one per feature. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of the scales (the divisors), one per feature. */
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Standardization s && Arrays.equals(means, s.means) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "Standardization(" + means.length + " features)";
    }
}
