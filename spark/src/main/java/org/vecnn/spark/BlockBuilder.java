package org.vecnn.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;

/**
 * Packs one partition's rows into a {@link Block}, checking each as it comes: feature width, finite values,
 * labels that are classes of the network. Errors name the column, the partition and the row within it.
 */
final class BlockBuilder {
    private final int partition;
    private final int inputs;
    private final int outputs;
    private final Targets targets;
    private final String featuresColumn;
    private final String labelColumn;
    private float[] features = new float[0];
    private int[] labels = new int[0];
    private float[] values = new float[0];
    private int size;

    BlockBuilder(int partition, NetworkSpec spec, String featuresColumn, String labelColumn) {
        this.partition = partition;
        this.inputs = spec.inputs;
        this.outputs = spec.outputs();
        this.targets = Targets.of(spec);
        this.featuresColumn = featuresColumn;
        this.labelColumn = labelColumn;
    }

    /** Adds one example: features as a list of numbers, an ML vector or a double[]; the label likewise or a number. */
    void add(Object featureValue, Object labelValue) {
        if (size == features.length / inputs) {
            int capacity = Math.max(16, size * 2);
            features = Arrays.copyOf(features, Math.multiplyExact(capacity, inputs));
            if (targets == Targets.VALUES) {
                values = Arrays.copyOf(values, Math.multiplyExact(capacity, outputs));
            } else {
                labels = Arrays.copyOf(labels, capacity);
            }
        }
        copy(featureValue, featuresColumn, inputs, "the network takes " + inputs + " inputs", features, size * inputs);
        if (targets == Targets.VALUES && outputs > 1) {
            copy(labelValue, labelColumn, outputs, "the network has " + outputs + " outputs", values, size * outputs);
        } else {
            double label = number(labelValue);
            if (targets == Targets.VALUES) {
                values[size] = (float) label;
            } else {
                int classes = targets == Targets.CLASS ? outputs : 2;
                if (!(label >= 0 && label < classes && label == Math.rint(label))) {
                    throw error(labelColumn, label + " is not " + targets.expected(outputs));
                }
                labels[size] = (int) label;
            }
        }
        size++;
    }

    private double number(Object value) {
        if (!(value instanceof Number)) {
            throw error(labelColumn, (value == null ? "null" : value.getClass().getSimpleName() + " " + value)
                    + " is not " + targets.expected(outputs));
        }
        double x = ((Number) value).doubleValue();
        if (!Double.isFinite(x)) {
            throw error(labelColumn, "the label is " + x + "; only finite values can be trained on");
        }
        return x;
    }

    private void copy(Object value, String column, int width, String expectation, float[] into, int at) {
        if (value == null) {
            throw error(column, "the value is null");
        }
        double[] array = null;
        List<?> list = null;
        int length;
        if (value instanceof Vector) {
            array = ((Vector) value).toArray();
            length = array.length;
        } else if (value instanceof double[]) {
            array = (double[]) value;
            length = array.length;
        } else if (value instanceof List) {
            list = (List<?>) value;
            length = list.size();
        } else {
            throw error(column, "a " + value.getClass().getName() + " is not an array or ML vector of numbers");
        }
        if (length != width) {
            throw error(column, "has " + length + " values, but " + expectation);
        }
        for (int j = 0; j < width; j++) {
            double x;
            if (array != null) {
                x = array[j];
            } else {
                Object element = list.get(j);
                if (!(element instanceof Number)) {
                    throw error(column, "value " + j + " is " + (element == null ? "null" : element) + ", not a number");
                }
                x = ((Number) element).doubleValue();
            }
            float f = (float) x;
            if (!Double.isFinite(x) || !Float.isFinite(f)) {
                throw error(column, "value " + j + " is " + x + "; only finite values (within float range) can be "
                        + "trained on");
            }
            into[at + j] = f;
        }
    }

    private SparkInputException error(String column, String problem) {
        return new SparkInputException("vecnn-spark: column '" + column + "', row " + size + " of partition "
                + partition + ": " + problem);
    }

    Block build() {
        return new Block(partition, size, inputs, outputs, targets, Arrays.copyOf(features, size * inputs),
                targets == Targets.VALUES ? null : Arrays.copyOf(labels, size),
                targets == Targets.VALUES ? Arrays.copyOf(values, size * outputs) : null);
    }
}
