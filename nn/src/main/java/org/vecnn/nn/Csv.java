package org.vecnn.nn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads datasets from comma-separated text: one example per line, numbers only, optionally a header line
 * (skipped); blank lines are ignored, spaces around values trimmed. Errors name the file, line and column.
 */
public final class Csv {
    private Csv() {
    }

    /**
     * Classification data: column {@code labelColumn} (from 0; negative counts from the end) holds integer class
     * labels from 0, the other columns are the features; the class count is the largest label + 1 (at least 2).
     */
    public static Dataset readClassification(Path file, int labelColumn, boolean header) throws IOException {
        List<double[]> rows = read(file, header);
        int columns = rows.get(0).length;
        int label = labelColumn < 0 ? columns + labelColumn : labelColumn;
        if (label < 0 || label >= columns || columns < 2) {
            throw new IOException(file + ": label column " + labelColumn + " does not exist in " + columns + " columns");
        }
        float[] features = new float[rows.size() * (columns - 1)];
        int[] labels = new int[rows.size()];
        int maxLabel = 1;
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            double value = row[label];
            if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE - 1) {
                throw new IOException(file + ": example " + (r + 1) + ": label " + value
                        + " is not a non-negative integer");
            }
            labels[r] = (int) value;
            maxLabel = Math.max(maxLabel, labels[r]);
            for (int c = 0, f = 0; c < columns; c++) {
                if (c != label) {
                    features[r * (columns - 1) + f++] = (float) row[c];
                }
            }
        }
        return Dataset.classification(features, columns - 1, labels, maxLabel + 1);
    }

    /** Regression data: the last {@code targetCount} columns are the targets, the others the features. */
    public static Dataset readRegression(Path file, int targetCount, boolean header) throws IOException {
        List<double[]> rows = read(file, header);
        int columns = rows.get(0).length;
        if (targetCount <= 0 || targetCount >= columns) {
            throw new IOException(file + ": " + targetCount + " target columns leave no features in " + columns + " columns");
        }
        int featureCount = columns - targetCount;
        float[] features = new float[rows.size() * featureCount];
        float[] targets = new float[rows.size() * targetCount];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            for (int c = 0; c < columns; c++) {
                if (c < featureCount) {
                    features[r * featureCount + c] = (float) row[c];
                } else {
                    targets[r * targetCount + c - featureCount] = (float) row[c];
                }
            }
        }
        return Dataset.regression(features, featureCount, targets, targetCount);
    }

    private static List<double[]> read(Path file, boolean header) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            boolean skip = header;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (skip) {
                    skip = false;
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (!rows.isEmpty() && cells.length != rows.get(0).length) {
                    throw new IOException(file + ": line " + number + " has " + cells.length + " columns, the first row "
                            + rows.get(0).length);
                }
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    String cell = cells[c].trim();
                    try {
                        row[c] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ": line " + number + ", column " + (c + 1) + ": \"" + cell
                                + "\" is not a number", e);
                    }
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no data rows");
        }
        return rows;
    }
}
