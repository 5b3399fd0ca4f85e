package org.vecnn.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * Examples to train or evaluate on: a row of {@link #featureCount()} features and a row of
 * {@link #targetCount()} targets per example, and for classification data the class label of each example.
 * Immutable. The rows live on the host (as float) and are copied into preallocated backend tensors a batch
 * at a time, or all at once with {@link #features(Backend, DType)}.
 *
 * <p>Three kinds: {@link #classification} (one-hot targets, one column per class, for a softmax output),
 * {@link #binary} (one 0/1 target column, for a sigmoid output) and {@link #regression} (real targets).
 */
public final class Dataset {
    /** The most values one Java array holds. */
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private final Values features;
    private final Values targets;
    private final int[] labels;
    private final int size;
    private final int featureCount;
    private final int targetCount;
    private final int classCount;

    private Dataset(float[] features, int featureCount, float[] targets, int targetCount, int[] labels, int classCount) {
        this(Values.of(features), featureCount, Values.of(targets), targetCount, labels, classCount);
    }

    private Dataset(Values features, int featureCount, Values targets, int targetCount, int[] labels, int classCount) {
        this.features = features;
        this.targets = targets;
        this.labels = labels;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.classCount = classCount;
        this.size = features.length() / featureCount;
    }

    /**
     * Classification data: {@code features} holds {@code labels.length} rows of {@code featureCount} values,
     * row-major; each label is in {@code [0, classCount)}; the targets are the one-hot rows of the labels.
     */
    public static Dataset classification(float[] features, int featureCount, int[] labels, int classCount) {
        return classification(features, featureCount, labels, classCount, NonFinite.REJECT);
    }

    /**
     * As {@link #classification(float[], int, int[], int)}; {@code nonFinite} says whether NaN and infinite features
     * are refused (naming the example and column) or kept.
     */
    public static Dataset classification(float[] features, int featureCount, int[] labels, int classCount,
            NonFinite nonFinite) {
        checkRows(features, featureCount, labels == null ? -1 : labels.length, "labels");
        if (classCount < 2) {
            throw new IllegalArgumentException("classification: classCount must be >= 2, got " + classCount);
        }
        long targetValues = (long) labels.length * classCount;
        if (targetValues > MAX_VALUES) {
            throw new IllegalArgumentException("classification: " + labels.length + " examples of " + classCount
                    + " one-hot classes are " + targetValues + " target values, more than one array holds ("
                    + MAX_VALUES + ")");
        }
        checkFinite("classification", "feature", features, featureCount, nonFinite);
        float[] oneHot = new float[(int) targetValues];
        for (int i = 0; i < labels.length; i++) {
            checkLabel(labels, i, classCount);
            oneHot[i * classCount + labels[i]] = 1f;
        }
        return new Dataset(features.clone(), featureCount, oneHot, classCount, labels.clone(), classCount);
    }

    /** Two-class data with one 0/1 target column per example, for a single sigmoid output. */
    public static Dataset binary(float[] features, int featureCount, int[] labels) {
        checkRows(features, featureCount, labels == null ? -1 : labels.length, "labels");
        checkFinite("binary", "feature", features, featureCount, NonFinite.REJECT);
        float[] column = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            checkLabel(labels, i, 2);
            column[i] = labels[i];
        }
        return new Dataset(features.clone(), featureCount, column, 1, labels.clone(), 2);
    }

    /** Regression data: {@code targets} holds one row of {@code targetCount} values per example. */
    public static Dataset regression(float[] features, int featureCount, float[] targets, int targetCount) {
        return regression(features, featureCount, targets, targetCount, NonFinite.REJECT);
    }

    /**
     * As {@link #regression(float[], int, float[], int)}; {@code nonFinite} says whether NaN and infinite features
     * and targets are refused (naming the example and column) or kept.
     */
    public static Dataset regression(float[] features, int featureCount, float[] targets, int targetCount,
            NonFinite nonFinite) {
        if (targets == null || targetCount <= 0 || targets.length % targetCount != 0) {
            throw new IllegalArgumentException("regression: targets must be non-null with a multiple of targetCount ("
                    + targetCount + ") values");
        }
        checkRows(features, featureCount, targets.length / targetCount, "target rows");
        checkFinite("regression", "feature", features, featureCount, nonFinite);
        checkFinite("regression", "target", targets, targetCount, nonFinite);
        return new Dataset(features.clone(), featureCount, targets.clone(), targetCount, null, 0);
    }

    /**
     * Classification data with float64 features, kept unrounded for a FLOAT64 model (a FLOAT32 model sees them
     * rounded once); otherwise as {@link #classification(float[], int, int[], int)}.
     */
    public static Dataset classification(double[] features, int featureCount, int[] labels, int classCount) {
        float[] shape = new float[features == null ? 0 : features.length];
        Dataset checked = classification(shape, featureCount, labels, classCount);
        checkFinite("classification", "feature", features, featureCount);
        return new Dataset(Values.of(features.clone()), featureCount, checked.targets, classCount, checked.labels,
                classCount);
    }

    /**
     * Regression data with float64 features and targets, kept unrounded for a FLOAT64 model (a FLOAT32 model sees
     * them rounded once); otherwise as {@link #regression(float[], int, float[], int)}.
     */
    public static Dataset regression(double[] features, int featureCount, double[] targets, int targetCount) {
        regression(new float[features == null ? 0 : features.length], featureCount,
                new float[targets == null ? 0 : targets.length], targetCount);
        checkFinite("regression", "feature", features, featureCount);
        checkFinite("regression", "target", targets, targetCount);
        return new Dataset(Values.of(features.clone()), featureCount, Values.of(targets.clone()), targetCount, null, 0);
    }

    private static void checkFinite(String op, String what, double[] values, int columns) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(op + ": " + what + " " + values[i] + " at example " + i / columns
                        + ", column " + i % columns + " (from 0) is not finite; clean the data");
            }
        }
    }

    /** Whether the features are held as float64 (from the {@code double[]} factories), unrounded. */
    public boolean isFloat64() {
        return features.wide();
    }

    private static void checkRows(float[] features, int featureCount, int rows, String what) {
        if (features == null || rows < 0) {
            throw new IllegalArgumentException("dataset: features and " + what + " must not be null");
        }
        if (featureCount <= 0) {
            throw new IllegalArgumentException("dataset: featureCount must be > 0, got " + featureCount);
        }
        if ((long) rows * featureCount != features.length) {
            throw new IllegalArgumentException("dataset: " + features.length + " feature values are not " + rows + " "
                    + what + " of " + featureCount + " features");
        }
    }

    private static void checkFinite(String op, String what, float[] values, int columns, NonFinite nonFinite) {
        if (nonFinite == NonFinite.ALLOW) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(op + ": " + what + " " + values[i] + " at example " + i / columns
                        + ", column " + i % columns + " (from 0) is not finite; clean the data or pass NonFinite.ALLOW");
            }
        }
    }

    private static void checkLabel(int[] labels, int i, int classCount) {
        if (labels[i] < 0 || labels[i] >= classCount) {
            throw new IllegalArgumentException("dataset: label " + labels[i] + " of example " + i + " is not in [0, "
                    + classCount + ")");
        }
    }

    /** The number of examples. */
    public int size() {
        return size;
    }

    /** The number of features per example. */
    public int featureCount() {
        return featureCount;
    }

    /** The number of target values per example (the network's output width). */
    public int targetCount() {
        return targetCount;
    }

    /** The number of classes; 0 for regression data. */
    public int classCount() {
        return classCount;
    }

    /** Whether the examples have class labels (classification or binary data). */
    public boolean hasLabels() {
        return labels != null;
    }

    /** A copy of the class labels. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalArgumentException("labels: regression data has no labels");
        }
        return labels.clone();
    }

    /** The label of example {@code i}. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalArgumentException("label: regression data has no labels");
        }
        return labels[i];
    }

    /** A copy of the features, row-major. */
    public float[] featureArray() {
        return features.floats();
    }

    /** A copy of the features as doubles, row-major (float64 data unrounded). */
    double[] featureDoubles() {
        return features.doubles();
    }

    /** A copy of the targets, row-major. */
    public float[] targetArray() {
        return targets.floats();
    }

    /** All features as one (size, featureCount) tensor. */
    public Tensor features(Backend backend, DType dtype) {
        return features.tensor(backend, dtype, size, featureCount);
    }

    /** All targets as one (size, targetCount) tensor. */
    public Tensor targets(Backend backend, DType dtype) {
        return targets.tensor(backend, dtype, size, targetCount);
    }

    /** The examples at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        if (indices == null) {
            throw new IllegalArgumentException("subset: indices is null");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new IllegalArgumentException("subset: index " + indices[i] + " (at position " + i
                        + ") is out of range for a dataset of " + size + " examples");
            }
        }
        int[] l = labels == null ? null : new int[indices.length];
        for (int i = 0; l != null && i < indices.length; i++) {
            l[i] = labels[indices[i]];
        }
        return new Dataset(features.rows(indices, featureCount), featureCount, targets.rows(indices, targetCount),
                targetCount, l, classCount);
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice: [" + from + ", " + to + ") is not a range within the "
                    + size + " examples of this dataset (0 <= from <= to <= " + size + ")");
        }
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return subset(indices);
    }

    /**
     * A random split: {@code round(trainFraction * size)} examples for training, the rest held out, chosen by a
     * permutation from {@code seed}.
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("split: trainFraction must be in (0, 1), got " + trainFraction);
        }
        int[] order = permutation(size, new SplittableRandom(seed));
        int trainSize = (int) Math.round(trainFraction * size);
        return new Split(subset(Arrays.copyOfRange(order, 0, trainSize)),
                subset(Arrays.copyOfRange(order, trainSize, size)));
    }

    /**
     * The examples in batches of {@code batchSize} (the last one may be smaller), in order, each copied into
     * tensors on {@code backend} that are reused from one batch to the next.
     */
    public Iterable<Batch> batches(Backend backend, DType dtype, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batches: batchSize must be > 0, got " + batchSize);
        }
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        return () -> new BatchIterator(this, backend, dtype, batchSize, order);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        shuffle(order, random);
        return order;
    }

    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /**
     * Copies {@code count} consecutive rows from {@code first} on straight into the batch tensors, when the
     * data have the tensors' precision; false, and nothing done, otherwise.
     */
    boolean copyRowsTo(Backend backend, int first, int count, Tensor x, Tensor y, int[] batchLabels) {
        if (!features.hasPrecision(x.dtype()) || !targets.hasPrecision(y.dtype())) {
            return false;
        }
        features.copyRowsTo(backend, first, featureCount, x);
        targets.copyRowsTo(backend, first, targetCount, y);
        if (labels != null) {
            System.arraycopy(labels, first, batchLabels, 0, count);
        }
        return true;
    }

    /** Copies the rows {@code order[start..start+count)} into the host buffers (row-major). */
    void gather(int[] order, int start, int count, float[] x, float[] y, int[] batchLabels) {
        for (int i = 0; i < count; i++) {
            int row = order[start + i];
            features.copyRow(row, featureCount, x, i);
            targets.copyRow(row, targetCount, y, i);
            if (labels != null) {
                batchLabels[i] = labels[row];
            }
        }
    }

    /** As {@link #gather(int[], int, int, float[], float[], int[])}, into double arrays, float64 data unrounded. */
    void gather(int[] order, int start, int count, double[] x, double[] y, int[] batchLabels) {
        for (int i = 0; i < count; i++) {
            int row = order[start + i];
            features.copyRow(row, featureCount, x, i);
            targets.copyRow(row, targetCount, y, i);
            if (labels != null) {
                batchLabels[i] = labels[row];
            }
        }
    }

    @Override
    public String toString() {
        String kind = labels == null ? "regression" : classCount + " classes";
        return "Dataset(" + size + " examples, " + featureCount + (features.wide() ? " float64" : "") + " features, "
                + targetCount + " targets, " + kind + ")";
    }

    /** A training set and a held-out set. */
    public static final class Split {
        private final Dataset train;
        private final Dataset test;

        Split(Dataset train, Dataset test) {
            this.train = train;
            this.test = test;
        }

        /** The training part. */
        public Dataset train() {
            return train;
        }

        /** The held-out part. */
        public Dataset test() {
            return test;
        }
    }
}
