package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecnn.nn.Csv;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Idx;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Mnist;

/**
 * The data {@code vecnn predict} and {@code vecnn evaluate} read: a CSV file, an IDX images file, or an MNIST
 * directory ({@code t10k-*} files first, else {@code train-*}).
 */
final class ModelInput {
    private ModelInput() {
    }

    /** Features to predict on: {@code rows x columns}, row-major. */
    static Csv.Matrix features(Path source, boolean header, Integer dropColumn) throws IOException {
        if (Files.isDirectory(source)) {
            return idxFeatures(images(source));
        }
        if (!Files.exists(source)) {
            throw new IOException(source + ": no such file or directory");
        }
        if (isIdx(source)) {
            return idxFeatures(source);
        }
        Csv.Matrix all = Csv.readFeatures(source, header);
        if (dropColumn == null) {
            return all;
        }
        int drop = dropColumn < 0 ? all.columns() + dropColumn : dropColumn;
        if (drop < 0 || drop >= all.columns() || all.columns() < 2) {
            throw new IOException(source + ": label column " + dropColumn + " does not exist in " + all.columns()
                    + " columns");
        }
        float[] values = all.values();
        float[] kept = new float[all.rows() * (all.columns() - 1)];
        for (int r = 0, k = 0; r < all.rows(); r++) {
            for (int c = 0; c < all.columns(); c++) {
                if (c != drop) {
                    kept[k++] = values[r * all.columns() + c];
                }
            }
        }
        return new Csv.Matrix(kept, all.rows(), all.columns() - 1);
    }

    /** Labelled data to evaluate {@code model} on. */
    static Dataset labelled(Path source, Mlp model, int labelColumn, boolean header) throws IOException {
        if (Files.isDirectory(source)) {
            return Mnist.load(images(source), labels(source));
        }
        if (!Files.exists(source)) {
            throw new IOException(source + ": no such file or directory");
        }
        if (model.loss() == Loss.MSE) {
            return Csv.readRegression(source, model.outputSize(), header);
        }
        return Csv.readClassification(source, labelColumn, header);
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
