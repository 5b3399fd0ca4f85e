package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecnn.nn.data.Csv;
import org.vecnn.nn.data.DataFileException;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.data.Idx;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.data.Mnist;

/**
 * The data {@code vecnn predict} and {@code vecnn evaluate} read: a CSV file, an IDX images file, or an MNIST
 * directory ({@code t10k-*} files first, else {@code train-*}).
 */
final class ModelInput {
    private ModelInput() {
    }

    /** Features to predict on: {@code rows x columns}, row-major, less the label column where one is named. */
    static Csv.Matrix features(Path source, boolean header, LabelColumn dropColumn) throws IOException {
        if (Files.isDirectory(source)) {
            return idxFeatures(images(source));
        }
        if (!Files.isRegularFile(source)) {
            throw new DataFileException(missing(source));
        }
        if (isIdx(source)) {
            return idxFeatures(source);
        }
        HeaderCheck.require(source, header);
        Csv.Matrix all = Csv.readFeatures(source, header);
        if (dropColumn == null) {
            return all;
        }
        return new Csv.Matrix(dropColumn.features(all, source), all.rows(), all.columns() - 1);
    }

    /**
     * Labelled data to evaluate {@code model} on: for a classifier, labels from 0 to its class count less one in
     * {@code labelColumn}; for a regression model, its output count of target columns last.
     */
    static Dataset labelled(Path source, Mlp model, LabelColumn labelColumn, boolean header) throws IOException {
        if (Files.isDirectory(source)) {
            return Mnist.load(images(source), labels(source));
        }
        if (!Files.isRegularFile(source)) {
            throw new DataFileException(missing(source));
        }
        HeaderCheck.require(source, header);
        if (model.loss() == Loss.MSE) {
            return Csv.readRegression(source, model.outputSize(), header);
        }
        Csv.Matrix all = Csv.readFeatures(source, header);
        int column = labelColumn.resolve(all.columns(), source);
        int features = all.columns() - 1;
        if (features != model.inputSize()) {
            throw new DataFileException("--data " + source + " has " + all.columns() + " columns: " + features
                    + " features besides the label in column " + (column + 1) + " (--label-column " + labelColumn
                    + "), but the model takes " + model.inputSize() + " features"
                    + (all.columns() == model.inputSize() ? "; a file of features only has no labels to evaluate on"
                            : ""));
        }
        int classes = Math.max(model.outputSize(), 2);
        ClassLabels labels = ClassLabels.forModel(labelColumn.values(all, source), classes, "--data " + source
                + ": column " + (column + 1) + " (--label-column " + labelColumn + ")", "Name the label's column with"
                + " --label-column N (from 0; negative counts from the end) or --label-column last");
        float[] x = labelColumn.features(all, source);
        return model.outputSize() == 1 ? Dataset.binary(x, features, labels.labels())
                : Dataset.classification(x, features, labels.labels(), classes);
    }

    /** What to say of a {@code --data} path that is neither a regular file nor a directory. */
    static String missing(Path source) {
        return "--data " + source + (Files.exists(source) ? ": not a regular file or a directory"
                : ": no such file or directory");
    }

    private static Csv.Matrix idxFeatures(Path file) throws IOException {
        Idx idx = Idx.read(file);
        int[] dims = idx.dims();
        if (dims.length < 1 || dims[0] == 0) {
            throw new IOException(file + ": an IDX file of shape " + java.util.Arrays.toString(dims)
                    + " holds no examples");
        }
        int rows = dims[0];
        int columns = idx.size() / rows;
        float[] values = idx.values();
        if (idx.type() == Idx.UNSIGNED_BYTE) {
            for (int i = 0; i < values.length; i++) {
                values[i] /= 255f;
            }
        }
        return new Csv.Matrix(values, rows, columns);
    }

    private static boolean isIdx(Path file) {
        String name = file.getFileName().toString();
        return name.contains("-idx") || name.contains(".idx") || name.endsWith(".idx");
    }

    private static Path images(Path dir) throws IOException {
        return first(dir, "t10k-images-idx3-ubyte", "train-images-idx3-ubyte");
    }

    private static Path labels(Path dir) throws IOException {
        return first(dir, "t10k-labels-idx1-ubyte", "train-labels-idx1-ubyte");
    }

    private static Path first(Path dir, String... names) throws IOException {
        for (String name : names) {
            for (String candidate : new String[] {name, name + ".gz", name.replace("-idx", ".idx")}) {
                Path file = dir.resolve(candidate);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        throw new IOException(dir + " has no " + String.join(" or ", names)
                + " (optionally .gz): expected an MNIST-style IDX directory");
    }
}
