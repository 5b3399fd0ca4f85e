package org.vecnn.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vecnn.nn.TrainingReport;

/**
 * What {@link SparkTrainer#fit} did: the epochs as {@link org.vecnn.nn.Mlp#fit} reports them, the loss of every
 * global step, which vecnn backend and dtype each executor ran, and the rounds of communication (one broadcast of
 * the parameters and one {@code treeAggregate}) with their wall time.
 */
public final class SparkTrainingReport {
    private final String mode;
    private final TrainingReport training;
    private final double[] stepLosses;
    private final Map<String, String> executors;
    private final int partitions;
    private final double[] roundSeconds;

    SparkTrainingReport(String mode, TrainingReport training, double[] stepLosses, Map<String, String> executors,
            int partitions, double[] roundSeconds) {
        this.mode = mode;
        this.training = training;
        this.stepLosses = stepLosses.clone();
        this.executors = Map.copyOf(executors);
        this.partitions = partitions;
        this.roundSeconds = roundSeconds.clone();
    }

    /** {@code synchronous} or {@code parameter averaging every N steps}. */
    public String mode() {
        return mode;
    }

    /** The epochs: mean loss and accuracy of the steps (each measured before its step), validation, time. */
    public TrainingReport training() {
        return training;
    }

    /** The mean loss of every global step, in order, each measured before its step. */
    public double[] stepLosses() {
        return stepLosses.clone();
    }

    /** Executor (e.g. {@code executor 1 on host w7}) to the vecnn backend and dtype it ran (e.g. {@code ejml float32}). */
    public Map<String, String> executors() {
        return executors;
    }

    /** The number of partitions (blocks) the data was trained from. */
    public int partitions() {
        return partitions;
    }

    /** The number of rounds of communication. */
    public int rounds() {
        return roundSeconds.length;
    }

    /** The wall time of each round, seconds: broadcast, the partitions' work, {@code treeAggregate}, the update. */
    public double[] roundSeconds() {
        return roundSeconds.clone();
    }

    /** The median of {@link #roundSeconds()}. */
    public double medianRoundSeconds() {
        double[] sorted = roundSeconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Training examples per second over all epochs. */
    public double samplesPerSecond() {
        return training.samplesPerSecond();
    }

    @Override
    public String toString() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(training.toString());
        lines.add(String.format(Locale.ROOT, "%s: %d rounds over %d partitions, median round %.1f ms", mode, rounds(),
                partitions, medianRoundSeconds() * 1e3));
        executors.forEach((executor, backend) -> lines.add(executor + ": " + backend));
        return String.join("\n", lines);
    }
}
