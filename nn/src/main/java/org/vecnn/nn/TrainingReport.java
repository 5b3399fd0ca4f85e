package org.vecnn.nn;

import java.util.List;
import java.util.Locale;

/** What {@link Mlp#fit} did: one {@link EpochResult} per epoch, and the totals. */
public final class TrainingReport {
    private final List<EpochResult> epochs;

    TrainingReport(List<EpochResult> epochs) {
        this.epochs = List.copyOf(epochs);
    }

    /** The epochs, first to last. */
    public List<EpochResult> epochs() {
        return epochs;
    }

    /** The last epoch. */
    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    /** The last epoch's mean training loss. */
    public double finalLoss() {
        return last().trainLoss();
    }

    /** Seconds spent in training steps, all epochs (validation excluded). */
    public double seconds() {
        return epochs.stream().mapToDouble(EpochResult::seconds).sum();
    }

    /** Training examples processed, all epochs. */
    public long samples() {
        return epochs.stream().mapToLong(EpochResult::samples).sum();
    }

    /** Training examples per second over all epochs. */
    public double samplesPerSecond() {
        return samples() / seconds();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (EpochResult epoch : epochs) {
            text.append(epoch).append('\n');
        }
        return text.append(String.format(Locale.ROOT, "%d samples in %.2f s: %.0f samples/s", samples(), seconds(),
                samplesPerSecond())).toString();
    }
}
