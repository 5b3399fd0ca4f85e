package org.vecnn.nn;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * How to train: {@code Fit.epochs(5).batchSize(128).shuffle(7).validation(testSet).listener(progress)}.
 * Immutable; each method returns a changed copy. Defaults: batch size 32, no shuffling (examples in dataset
 * order every epoch), no validation, no listener.
 */
public final class Fit {
    private final int epochs;
    private final int batchSize;
    private final OptionalLong shuffleSeed;
    private final Dataset validation;
    private final TrainingListener listener;

    private Fit(int epochs, int batchSize, OptionalLong shuffleSeed, Dataset validation, TrainingListener listener) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("fit: epochs must be > 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("fit: batchSize must be > 0, got " + batchSize);
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.shuffleSeed = shuffleSeed;
        this.validation = validation;
        this.listener = listener;
    }

    /** Train for {@code epochs} passes over the training set. */
    public static Fit epochs(int epochs) {
        return new Fit(epochs, 32, OptionalLong.empty(), null, TrainingListener.NONE);
    }

    /** Examples per optimizer step; the last batch of an epoch may be smaller. */
    public Fit batchSize(int batchSize) {
        return new Fit(epochs, batchSize, shuffleSeed, validation, listener);
    }

    /** Visit the examples in a new random order every epoch, from a generator seeded with {@code seed}. */
    public Fit shuffle(long seed) {
        return new Fit(epochs, batchSize, OptionalLong.of(seed), validation, listener);
    }

    /** Evaluate on {@code validation} after every epoch (not counted in the training time). */
    public Fit validation(Dataset validation) {
        return new Fit(epochs, batchSize, shuffleSeed, Objects.requireNonNull(validation, "validation"), listener);
    }

    /** Told about every batch and every epoch, for example to draw progress. */
    public Fit listener(TrainingListener listener) {
        return new Fit(epochs, batchSize, shuffleSeed, validation, Objects.requireNonNull(listener, "listener"));
    }

    /** The number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** The batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** The shuffle seed, if shuffling. */
    public OptionalLong shuffleSeed() {
        return shuffleSeed;
    }

    /** The validation set, or null. */
    public Dataset validation() {
        return validation;
    }

    /** The listener ({@link TrainingListener#NONE} by default). */
    public TrainingListener listener() {
        return listener;
    }
}
