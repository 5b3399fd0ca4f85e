package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecnn.nn.Csv;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.GeneratedDigits;
import org.vecnn.nn.Mnist;

/** Where {@code vecnn train} gets its data: generated digits, an MNIST IDX directory, or a CSV file. */
final class TrainingData {
    private TrainingData() {
    }

    /**
     * The generated digits when {@code source} is null; else the {@code train-images-idx3-ubyte[.gz]} and
     * {@code train-labels-idx1-ubyte[.gz]} pair of a directory, or a CSV file of features and a label column.
     */
    static Dataset load(Path source, int generatedSamples, long seed, int labelColumn, boolean header) throws IOException {
        if (source == null) {
            return GeneratedDigits.generate(generatedSamples, seed);
        }
        if (Files.isDirectory(source)) {
            return Mnist.load(idx(source, "train-images-idx3-ubyte"), idx(source, "train-labels-idx1-ubyte"));
        }
        if (Files.isRegularFile(source)) {
            return Csv.readClassification(source, labelColumn, header);
        }
        throw new IOException("no such file or directory: " + source);
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
}
