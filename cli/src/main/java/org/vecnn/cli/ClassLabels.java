package org.vecnn.cli;

import java.util.IntSummaryStatistics;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.vecnn.nn.data.Csv;
import org.vecnn.nn.data.DataFileException;

/**
 * The class labels of a data column, checked before anything trains on them, and the count of each class.
 *
 * <p>A column is refused as a label column when a value is not an integer from 0 (a feature, a pixel scaled to
 * [0, 1], a 1-based or negative code), when it gives one class (a constant column: nothing to learn, and any
 * model scores 1.000), or, for training, when a class from 0 to the largest label has fewer than
 * {@value #RARE_BELOW} examples and under 1 in {@value #RARE_SHARE} of them (0 to 16 pixel intensities, where
 * some intensities occur a few times among thousands, or labels numbered from 1, leaving class 0 empty).
 */
final class ClassLabels {
    /** A class with fewer examples than this (and under 1 in {@link #RARE_SHARE} of the data) is suspect. */
    static final int RARE_BELOW = 10;
    /** A class with under 1 in this many examples (and fewer than {@link #RARE_BELOW}) is suspect. */
    static final int RARE_SHARE = 200;
    /** The most classes whose counts are printed one by one. */
    private static final int PRINTED = 20;

    private final int[] labels;
    private final int[] counts;

    private ClassLabels(int[] labels, int[] counts) {
        this.labels = labels;
        this.counts = counts;
    }

    /**
     * Labels to train on: integers from 0, at least two classes, no class empty or rare (unless {@code allowRare}).
     * {@code where} names the file and column in the message, {@code hint} says which option to use instead.
     */
    static ClassLabels forTraining(float[] column, String where, String hint, boolean allowRare)
            throws DataFileException {
        ClassLabels read = read(column, Csv.MAX_CLASSES, where, hint);
        int classes = read.counts.length;
        long present = IntStream.of(read.counts).filter(c -> c > 0).count();
        if (present < 2) {
            throw new DataFileException(where + " holds one value, " + (classes - 1) + ", in all " + column.length
                    + " examples: one class, nothing to learn. " + hint);
        }
        if (!allowRare) {
            int[] rare = IntStream.range(0, classes).filter(c -> rare(read.counts[c], column.length)).toArray();
            if (rare.length > 0) {
                String which = IntStream.of(rare).limit(8).mapToObj(c -> "class " + c + ": " + read.counts[c])
                        .collect(Collectors.joining(", ")) + (rare.length > 8 ? ", ..." : "");
                throw new DataFileException(where + " gives " + classes + " classes (0 to " + (classes - 1) + "), "
                        + rare.length + " of them with fewer than " + Math.min(RARE_BELOW, rareLimit(column.length))
                        + " of the " + column.length + " examples (" + which + "): not what a label column"
                        + " looks like. " + hint + "; or, if these are the labels, pass --allow-rare-classes");
            }
        }
        return read;
    }

    /** Labels for a model of {@code classes} outputs: integers from 0 to {@code classes - 1}. */
    static ClassLabels forModel(float[] column, int classes, String where, String hint) throws DataFileException {
        return read(column, classes, where, hint);
    }

    private static boolean rare(int count, int examples) {
        return count < RARE_BELOW && count < rareLimit(examples);
    }

    /** The count below which a class is under 1 in {@link #RARE_SHARE} of {@code examples}. */
    private static long rareLimit(int examples) {
        return (examples + RARE_SHARE - 1) / RARE_SHARE;
    }

    private static ClassLabels read(float[] column, int classLimit, String where, String hint)
            throws DataFileException {
        int[] labels = new int[column.length];
        int largest = 0;
        for (int i = 0; i < column.length; i++) {
            float value = column[i];
            if (value != Math.rint(value) || value < 0) {
                throw new DataFileException(where + " is not a label column: example " + (i + 1) + " holds " + value
                        + ", and class labels are integers from 0. " + hint);
            }
            if (value >= classLimit) {
                throw new DataFileException(where + ": example " + (i + 1) + " has label " + (long) value + ", but "
                        + (classLimit == Csv.MAX_CLASSES ? "at most " + classLimit + " classes (labels 0 to "
                                + (classLimit - 1) + ") are supported"
                                : "the model has " + classLimit + " classes (labels 0 to " + (classLimit - 1) + ")")
                        + ". " + hint);
            }
            labels[i] = (int) value;
            largest = Math.max(largest, labels[i]);
        }
        int[] counts = new int[largest + 1];
        for (int label : labels) {
            counts[label]++;
        }
        return new ClassLabels(labels, counts);
    }

    /** The label of each example. */
    int[] labels() {
        return labels.clone();
    }

    /** The number of examples of each class, from class 0 to the largest label. */
    int[] counts() {
        return counts.clone();
    }

    /** As {@link #describe(int[])} for these labels. */
    String describe() {
        return describe(counts);
    }

    /** The number of examples of each class of {@code labels} (from 0 to {@code classes - 1}). */
    static int[] count(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** E.g. {@code 0: 178, 1: 182, 2: 177}; the first {@value #PRINTED} classes and the range of the rest. */
    static String describe(int[] counts) {
        String shown = IntStream.range(0, Math.min(counts.length, PRINTED)).mapToObj(c -> c + ": " + counts[c])
                .collect(Collectors.joining(", "));
        if (counts.length <= PRINTED) {
            return shown;
        }
        IntSummaryStatistics rest = IntStream.of(counts).skip(PRINTED).summaryStatistics();
        return shown + ", and " + (counts.length - PRINTED) + " more classes of " + rest.getMin() + " to "
                + rest.getMax();
    }
}
