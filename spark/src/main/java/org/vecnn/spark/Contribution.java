package org.vecnn.spark;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * What the partitions of one round send back, summed by {@code treeAggregate}: {@code Σ nₚ·vₚ} (gradients in
 * synchronous mode, parameters after the local steps in averaging mode) with its weight {@code Σ nₚ}, and per
 * local step the summed loss, example and correct counts, and which backend each executor ran. Each successful
 * task's result is merged exactly once by Spark; a task works on its own deserialized copy, so a failed attempt
 * leaves nothing behind.
 */
final class Contribution implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Allocated on first use, so that the zero value Spark ships to every task stays small. */
    double[] sum;
    long weight;
    final double[] lossSums;
    final long[] examples;
    final long[] correct;
    final TreeMap<String, String> executors = new TreeMap<>();
    int partitions;

    Contribution(int steps) {
        this.lossSums = new double[steps];
        this.examples = new long[steps];
        this.correct = new long[steps];
    }

    /** Adds {@code factor ×} {@code values} to the sum. */
    void add(double[] values, double factor, long weight) {
        if (sum == null) {
            sum = new double[values.length];
        }
        for (int i = 0; i < values.length; i++) {
            sum[i] += factor * values[i];
        }
        this.weight += weight;
    }

    void step(int step, double loss, int n, long hits) {
        lossSums[step] += loss * n;
        examples[step] += n;
        correct[step] += Math.max(hits, 0);
    }

    Contribution merge(Contribution other) {
        if (other.sum != null) {
            if (sum == null) {
                sum = other.sum;
            } else {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += other.sum[i];
                }
            }
        }
        weight += other.weight;
        for (int s = 0; s < lossSums.length; s++) {
            lossSums[s] += other.lossSums[s];
            examples[s] += other.examples[s];
            correct[s] += other.correct[s];
        }
        executors.putAll(other.executors);
        partitions += other.partitions;
        return this;
    }
}
