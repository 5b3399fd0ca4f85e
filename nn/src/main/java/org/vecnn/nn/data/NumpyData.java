package org.vecnn.nn.data;

import org.vecnn.nn.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.io.AllocationCheck;
import org.vecnn.io.Npy;
import org.vecnn.io.NpyArray;
import org.vecnn.io.NpyHeader;
import org.vecnn.io.Npz;

/**
 * Reads datasets from NumPy's files: an {@code .npz} archive holding a features array and a labels (or
 * targets) array, or an {@code .npy} file holding one 2-D array whose label (or target) columns are split off
 * as in a CSV file. The arrays load by {@link org.vecnn.io.Npy}'s rules (integer and bool arrays exactly, other
 * dtypes refused naming the dtype string), values as stored: nothing is scaled.
 *
 * <p><b>Which arrays of an archive.</b> The features are the array named as asked, else {@code x}, else
 * {@code X}, else the first of an archive of exactly two arrays ({@code np.savez(f, x, y)} names them
 * {@code arr_0}, {@code arr_1}); the labels or targets likewise {@code y}, {@code Y}, or the second of two.
 * Otherwise the error lists the arrays there are, to name with the options.
 *
 * <p><b>Shapes.</b> Features: {@code (n, ...)}, one example per index of the first axis, its other axes flattened
 * row-major (so {@code (n, 28, 28)} images give 784 features; {@code (n,)} gives one). Labels: {@code (n,)} or
 * {@code (n, 1)} non-negative integers (of any dtype; a float must hold an integer), the class count being the
 * largest + 1 (at least 2, at most {@link Csv#MAX_CLASSES}). Targets: {@code (n,)} or {@code (n, t, ...)}.
 * Features of dtype {@code f8}, {@code i4}, {@code u4}, {@code i8} or {@code u8} are kept as float64 (a float64
 * model sees them unrounded); the others load as float32. Non-finite features and targets are refused.
 */
public final class NumpyData {
    private NumpyData() {
    }

    /** Whether {@code file}'s name ends in {@code .npz} or {@code .npy} (any case): a file this class reads. */
    public static boolean isNumpyFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npz") || name.endsWith(".npy");
    }

    /**
     * Classification data: from an {@code .npz}, the features and labels arrays named (null: the defaults
     * above); from an {@code .npy}, a 2-D array whose column {@code labelColumn} (negative counts from the end)
     * holds the labels.
     */
    public static Dataset readClassification(Path file, String featuresArray, String labelsArray, int labelColumn)
            throws IOException {
        Columns data = isNpz(file) ? fromArchive(file, featuresArray, labelsArray)
                : fromColumns(file, labelColumn, 1);
        int[] labels = labels(file, data.labelsName, data.targets);
        int classes = 2;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        try {
            return data.features instanceof NpyArray.Float64 f
                    ? Dataset.classification(f.data(), data.featureCount, labels, classes)
                    : Dataset.classification(((NpyArray.Float32) data.features).data(), data.featureCount, labels,
                            classes);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Regression data: from an {@code .npz}, the features and targets arrays named (null: the defaults above);
     * from an {@code .npy}, a 2-D array whose last {@code targetCount} columns are the targets.
     */
    public static Dataset readRegression(Path file, String featuresArray, String targetsArray, int targetCount)
            throws IOException {
        Columns data = isNpz(file) ? fromArchive(file, featuresArray, targetsArray)
                : fromColumns(file, -targetCount, targetCount);
        double[] targets = data.targets.toDoubleArray();
        int n = data.features.shape().size() / data.featureCount;
        int t = targets.length / n;
        try {
            return Dataset.regression(data.features.toDoubleArray(), data.featureCount, targets, t);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Features only (to predict on): an {@code .npy} file's whole array, or an {@code .npz} archive's features
     * array (named, or the default; an archive of one array gives that one), as {@code n} rows.
     */
    public static Csv.Matrix readFeatures(Path file, String featuresArray) throws IOException {
        NpyArray x;
        if (isNpz(file)) {
            Map<String, NpyHeader> headers = Npz.headers(file);
            String name = featuresArray != null ? featuresArray
                    : headers.size() == 1 ? headers.keySet().iterator().next() : pick(headers, null, "x", "X", 0);
            if (name == null || !headers.containsKey(name)) {
                throw missing(file, headers, featuresArray, "features", "x or X");
            }
            x = Npz.read(file, name, DType.FLOAT32, AllocationCheck.heap());
        } else {
            x = Npy.read(file, DType.FLOAT32, AllocationCheck.heap());
        }
        int n = examples(file, "features", x.shape());
        int columns = x.shape().size() / n;
        float[] values = ((NpyArray.Float32) x).data();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new DataFileException(file + ": feature " + values[i] + " of example " + i / columns
                        + ", column " + i % columns + " (from 0) is not finite");
            }
        }
        return new Csv.Matrix(values, n, columns);
    }

    /** Features and labels or targets, as read. */
    private record Columns(NpyArray features, int featureCount, NpyArray targets, String labelsName) {
    }

    private static boolean isNpz(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    private static Columns fromArchive(Path file, String featuresArray, String labelsArray) throws IOException {
        Map<String, NpyHeader> headers = Npz.headers(file);
        String x = pick(headers, featuresArray, "x", "X", 0);
        String y = pick(headers, labelsArray, "y", "Y", 1);
        if (x == null) {
            throw missing(file, headers, featuresArray, "features", "x or X");
        }
        if (y == null) {
            throw missing(file, headers, labelsArray, "labels", "y or Y");
        }
        if (x.equals(y)) {
            throw new DataFileException(file + ": the features and the labels are both array '" + x + "'");
        }
        NpyHeader fx = headers.get(x);
        NpyHeader fy = headers.get(y);
        int n = examples(file, "features '" + x + "'", fx.shape());
        int ny = examples(file, "labels '" + y + "'", fy.shape());
        if (n != ny) {
            throw new DataFileException(file + ": features '" + x + "' " + fx.shape() + " hold " + n + " examples but '"
                    + y + "' " + fy.shape() + " " + ny);
        }
        NpyArray features = Npz.read(file, x, wide(fx.descr()) ? DType.FLOAT64 : DType.FLOAT32, AllocationCheck.heap());
        NpyArray targets = Npz.read(file, y, DType.FLOAT64, AllocationCheck.heap());
        return new Columns(features, features.shape().size() / n, targets, file + ": labels '" + y + "'");
    }

    /** Splits {@code count} columns starting at {@code first} (negative counts from the end) off a 2-D array. */
    private static Columns fromColumns(Path file, int first, int count) throws IOException {
        NpyHeader header = Npy.header(file);
        Shape shape = header.shape();
        if (shape.rank() != 2) {
            throw new DataFileException(file + ": a dataset .npy holds one 2-D array (examples, columns), got shape "
                    + shape + "; or use an .npz archive of a features and a labels array");
        }
        int rows = shape.dim(0);
        int columns = shape.dim(1);
        int start = first < 0 ? columns + first : first;
        if (rows == 0 || start < 0 || start + count > columns || columns - count < 1) {
            throw new DataFileException(file + ": columns " + first + " to " + (first + count - 1) + " do not leave "
                    + "features in shape " + shape);
        }
        boolean wide = wide(header.descr());
        NpyArray all = Npy.read(file, wide ? DType.FLOAT64 : DType.FLOAT32, AllocationCheck.heap());
        double[] values = all.toDoubleArray();
        int featureCount = columns - count;
        double[] features = new double[rows * featureCount];
        double[] targets = new double[rows * count];
        for (int r = 0; r < rows; r++) {
            for (int c = 0, f = 0; c < columns; c++) {
                double v = values[r * columns + c];
                if (c >= start && c < start + count) {
                    targets[r * count + c - start] = v;
                } else {
                    features[r * featureCount + f++] = v;
                }
            }
        }
        NpyArray x;
        if (wide) {
            x = new NpyArray.Float64(Shape.of(rows, featureCount), features);
        } else {
            float[] narrow = new float[features.length];
            for (int i = 0; i < narrow.length; i++) {
                narrow[i] = (float) features[i];
            }
            x = new NpyArray.Float32(Shape.of(rows, featureCount), narrow);
        }
        return new Columns(x, featureCount, new NpyArray.Float64(Shape.of(rows, count), targets),
                file + ": label column " + start);
    }

    private static int[] labels(Path file, String where, NpyArray array) throws DataFileException {
        Shape shape = array.shape();
        if (shape.rank() > 2 || shape.rank() == 2 && shape.dim(1) != 1) {
            throw new DataFileException(where + " must be of shape (n,) or (n, 1), got " + shape);
        }
        double[] values = array.toDoubleArray();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= Csv.MAX_CLASSES) {
                throw new DataFileException(where + ": label " + v + " of example " + i + " is not an integer in [0, "
                        + Csv.MAX_CLASSES + ")");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /** The number of examples: the first dimension, which must exist and not be 0. */
    private static int examples(Path file, String what, Shape shape) throws DataFileException {
        if (shape.rank() == 0 || shape.dim(0) == 0) {
            throw new DataFileException(file + ": " + what + " of shape " + shape + " hold no examples");
        }
        return shape.dim(0);
    }

    /** Element types whose values float32 may not hold exactly: loaded as float64. */
    private static boolean wide(String descr) {
        return descr.endsWith("f8") || descr.endsWith("i4") || descr.endsWith("u4") || descr.endsWith("i8")
                || descr.endsWith("u8");
    }

    private static String pick(Map<String, NpyHeader> headers, String asked, String name, String upper, int position) {
        if (asked != null) {
            return headers.containsKey(asked) ? asked : null;
        }
        if (headers.containsKey(name)) {
            return name;
        }
        if (headers.containsKey(upper)) {
            return upper;
        }
        return headers.size() == 2 ? new ArrayList<>(headers.keySet()).get(position) : null;
    }

    private static DataFileException missing(Path file, Map<String, NpyHeader> headers, String asked, String role,
            String defaults) {
        List<String> described = new ArrayList<>();
        headers.forEach((name, h) -> described.add(name + " " + h.shape() + " " + h.descr()));
        String what = asked != null ? "no array named '" + asked + "' for the " + role
                : "no " + role + " array: none is named " + defaults + " and it does not hold exactly two arrays";
        return new DataFileException(file + ": " + what + "; it holds " + String.join(", ", described));
    }
}
