package org.vecnn.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.vecnn.nn.Dataset;

/**
 * One partition's examples, packed into arrays once and cached by Spark for the whole of training: features
 * row-major as float, and class labels or target values.
 */
final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int size;
    final int featureCount;
    final int outputs;
    final Targets targets;
    private final float[] features;
    private final int[] labels;
    private final float[] values;

    Block(int partition, int size, int featureCount, int outputs, Targets targets, float[] features, int[] labels,
            float[] values) {
        this.partition = partition;
        this.size = size;
        this.featureCount = featureCount;
        this.outputs = outputs;
        this.targets = targets;
        this.features = features;
        this.labels = labels;
        this.values = values;
    }

    /**
     * The local rows whose position in the epoch's order lies in {@code [from, to)}, in local order; a row's
     * global index is {@code offset} plus its local index, and its position {@code positions[global]} (or the
     * global index itself when {@code positions} is null: no shuffling).
     */
    int[] select(long offset, int[] positions, long from, long to) {
        int[] rows = new int[Math.min(size, (int) Math.max(0, to - from))];
        int n = 0;
        for (int i = 0; i < size && n < rows.length; i++) {
            long global = offset + i;
            long position = positions == null ? global : positions[(int) global];
            if (position >= from && position < to) {
                rows[n++] = i;
            }
        }
        return n == rows.length ? rows : Arrays.copyOf(rows, n);
    }

    /** The rows {@code rows} as a vecnn dataset (non-empty). */
    Dataset rows(int[] rows) {
        float[] x = new float[rows.length * featureCount];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * featureCount, x, i * featureCount, featureCount);
        }
        switch (targets) {
            case CLASS:
            case BINARY: {
                int[] l = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    l[i] = labels[rows[i]];
                }
                return targets == Targets.CLASS ? Dataset.classification(x, featureCount, l, outputs)
                        : Dataset.binary(x, featureCount, l);
            }
            default: {
                float[] y = new float[rows.length * outputs];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(values, rows[i] * outputs, y, i * outputs, outputs);
                }
                return Dataset.regression(x, featureCount, y, outputs);
            }
        }
    }
}
