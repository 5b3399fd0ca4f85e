package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecnn.nn.data.Csv;
import org.vecnn.nn.data.DataFileException;
import org.vecnn.nn.Dataset;
import org.vecnn.digits.GeneratedDigits;
import org.vecnn.nn.data.Mnist;

/** Where {@code vecnn train} gets its data: generated digits, an MNIST IDX directory, or a CSV file. */
final class TrainingData {
    private TrainingData() {
    }

    /**
     * The generated digits when {@code source} is null; else the {@code train-images-idx3-ubyte[.gz]} and
     * {@code train-labels-idx1-ubyte[.gz]} pair of a directory, or a CSV file of features and a label column, whose
     * labels {@link ClassLabels} checks (rare classes allowed only with {@code allowRare}).
     */
    static Dataset load(Path source, int generatedSamples, long seed, LabelColumn labelColumn, boolean header,
            boolean allowRare) throws IOException {
        if (source == null) {
            return digits(generatedSamples, seed);
        }
        if (Files.isDirectory(source)) {
            return Mnist.load(idx(source, "train-images-idx3-ubyte"), idx(source, "train-labels-idx1-ubyte"));
        }
        if (Files.isRegularFile(source)) {
            return csv(source, labelColumn, header, allowRare);
        }
        throw new DataFileException(ModelInput.missing(source));
    }

    private static Dataset csv(Path file, LabelColumn column, boolean header, boolean allowRare) throws IOException {
        HeaderCheck.require(file, header);
        Csv.Matrix all = Csv.readFeatures(file, header);
        ClassLabels labels = ClassLabels.forTraining(column.values(all, file), where(file, column, all),
                hint(file, column, all), allowRare);
        return Dataset.classification(column.features(all, file), all.columns() - 1, labels.labels(),
                labels.counts().length);
    }

    private static String where(Path file, LabelColumn column, Csv.Matrix all) throws DataFileException {
        return "--data " + file + ": column " + (column.resolve(all.columns(), file) + 1) + " (--label-column "
                + column + ")";
    }

    /** Which option names the label's column, and the first or last column where that one looks like labels. */
    private static String hint(Path file, LabelColumn column, Csv.Matrix all) throws DataFileException {
        String hint = "Name the label's column with --label-column N (from 0; negative counts from the end) or"
                + " --label-column last";
        int current = column.resolve(all.columns(), file);
        for (LabelColumn other : new LabelColumn[] {LabelColumn.FIRST, new LabelColumn(-1)}) {
            if (other.resolve(all.columns(), file) == current) {
                continue;
            }
            try {
                ClassLabels labels = ClassLabels.forTraining(other.values(all, file), "", "", false);
                int[] counts = labels.counts();
                return hint + " (column " + (other.resolve(all.columns(), file) + 1) + ", --label-column " + other
                        + ", holds " + counts.length + " classes of " + java.util.stream.IntStream.of(counts).min()
                        .getAsInt() + " to " + java.util.stream.IntStream.of(counts).max().getAsInt()
                        + " examples: the label?)";
            } catch (DataFileException notLabels) {
                // not a label column either
            }
        }
        return hint;
    }

    private static Path idx(Path dir, String name) throws IOException {
        for (String candidate : new String[] {name, name + ".gz", name.replace("-idx", ".idx")}) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IOException(dir + " has no " + name + " (or " + name + ".gz): expected an MNIST-style IDX directory");
    }

    /** Generated digits as a classification dataset. */
    private static Dataset digits(int count, long seed) {
        GeneratedDigits.Images images = GeneratedDigits.generate(count, seed);
        return Dataset.classification(images.pixels(), GeneratedDigits.PIXELS, images.labels(), GeneratedDigits.CLASSES);
    }
}
