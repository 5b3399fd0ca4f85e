package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vecnn.nn.data.Csv;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.data.NumpyData;
import picocli.CommandLine.Option;

/**
 * {@code --data FILE.npz} or {@code FILE.npy} for {@code train}, {@code predict} and {@code evaluate}: which arrays
 * of an archive are used (options, defaults as {@link NumpyData} states them), read through {@link NumpyData}.
 */
final class NumpyArrays {
    @Option(names = "--features-array", paramLabel = "NAME",
            description = "--data FILE.npz: the features array, one example per index of its first axis (default: x, "
                    + "else X, else the first of an archive of two arrays). A --data FILE.npy is one 2-D array whose "
                    + "--label-column holds the labels (predict: the whole array is features unless --label-column is given).")
    String features;

    @Option(names = "--labels-array", paramLabel = "NAME",
            description = "--data FILE.npz: the labels (or, for a regression model, targets) array (default: y, else Y, "
                    + "else the second of an archive of two arrays).")
    String labels;

    /** Whether {@code data} is a NumPy file, read here rather than as CSV or IDX. */
    static boolean applies(Path data) {
        return data != null && NumpyData.isNumpyFile(data);
    }

    /** Classification data to train on. */
    Dataset classification(Path data, int labelColumn) throws IOException {
        try {
            return NumpyData.readClassification(data, features, labels, labelColumn);
        } catch (org.vecnn.nn.data.DataFileException e) {
            throw withOptions(e);
        }
    }

    /** An error that lists an archive's arrays, with the options that choose among them. */
    private static IOException withOptions(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("; it holds ")
                ? new IOException(e.getMessage() + "; choose with --features-array NAME --labels-array NAME", e) : e;
    }

    /** Labelled data to evaluate {@code model} on: targets for a regression (MSE) model, labels otherwise. */
    Dataset labelled(Path data, Mlp model, int labelColumn) throws IOException {
        try {
            return model.loss() == Loss.MSE
                    ? NumpyData.readRegression(data, features, labels, model.outputSize())
                    : NumpyData.readClassification(data, features, labels, labelColumn);
        } catch (org.vecnn.nn.data.DataFileException e) {
            throw withOptions(e);
        }
    }

    /** Features to predict on; from an {@code .npy}, without column {@code dropColumn} where one is given. */
    Csv.Matrix features(Path data, Integer dropColumn) throws IOException {
        Csv.Matrix all;
        try {
            all = NumpyData.readFeatures(data, features);
        } catch (org.vecnn.nn.data.DataFileException e) {
            throw withOptions(e);
        }
        if (dropColumn == null) {
            return all;
        }
        if (data.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")) {
            throw new IOException(data + ": --label-column is for CSV and .npy files; an .npz archive's features "
                    + "array (--features-array) holds no labels");
        }
        int drop = dropColumn < 0 ? all.columns() + dropColumn : dropColumn;
        if (drop < 0 || drop >= all.columns() || all.columns() < 2) {
            throw new IOException(data + ": label column " + dropColumn + " does not exist in " + all.columns()
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
}
