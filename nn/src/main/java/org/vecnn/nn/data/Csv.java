package org.vecnn.nn.data;

import org.vecnn.nn.Dataset;
import org.vecnn.nn.NonFinite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads datasets from comma-separated UTF-8 text: one example per line, numbers only, optionally a header line
 * (skipped); blank lines are ignored, spaces around values trimmed. Errors name the file, line and column.
 * NaN, infinities and numbers beyond the float range are refused unless {@link NonFinite#ALLOW} is given.
 */
public final class Csv {
    /** The most classes a classification file may have (its largest label + 1). */
    public static final int MAX_CLASSES = 1 << 16;

    private Csv() {
    }

    /**
     * Classification data: column {@code labelColumn} (from 0; negative counts from the end) holds integer class
     * labels from 0, the other columns are the features; the class count is the largest label + 1 (at most
     * {@link #MAX_CLASSES}). A label column of one value (a constant feature, more likely than a file of one class)
     * and non-finite features are refused.
     */
    public static Dataset readClassification(Path file, int labelColumn, boolean header) throws IOException {
        return readClassification(file, labelColumn, header, NonFinite.REJECT);
    }

    /** As {@link #readClassification(Path, int, boolean)}, with non-finite features refused or allowed. */
    public static Dataset readClassification(Path file, int labelColumn, boolean header, NonFinite nonFinite)
            throws IOException {
        Rows rows = read(file, header, nonFinite);
        int columns = rows.columns();
        int label = labelColumn < 0 ? columns + labelColumn : labelColumn;
        if (label < 0 || label >= columns || columns < 2) {
            throw new DataFileException(file + ": label column " + labelColumn + " does not exist in " + columns
                    + " columns");
        }
        float[] features = new float[Math.multiplyExact(rows.size(), columns - 1)];
        int[] labels = new int[rows.size()];
        int maxLabel = 0;
        int minLabel = MAX_CLASSES;
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.values.get(r);
            double value = row[label];
            String where = file + ": line " + rows.lines.get(r) + ", column " + (label + 1) + ": label ";
            if (value != Math.rint(value) || value < 0) {
                throw new DataFileException(where + value + " is not a non-negative integer");
            }
            if (value >= MAX_CLASSES) {
                throw new DataFileException(where + String.format("%.0f", value) + " would make "
                        + String.format("%.0f", value + 1) + " classes, more than the " + MAX_CLASSES
                        + " (Csv.MAX_CLASSES) a classification file may have");
            }
            labels[r] = (int) value;
            maxLabel = Math.max(maxLabel, labels[r]);
            minLabel = Math.min(minLabel, labels[r]);
            for (int c = 0, f = 0; c < columns; c++) {
                if (c != label) {
                    features[r * (columns - 1) + f++] = (float) row[c];
                }
            }
        }
        if (minLabel == maxLabel) {
            throw new DataFileException(file + ": column " + (label + 1) + " (label column " + labelColumn
                    + ") holds one value, " + maxLabel + ", in all " + rows.size() + " rows: one class; is the label"
                    + " in another column?");
        }
        return Dataset.classification(features, columns - 1, labels, maxLabel + 1, nonFinite);
    }

    /** Regression data: the last {@code targetCount} columns are the targets, the others the features. */
    public static Dataset readRegression(Path file, int targetCount, boolean header) throws IOException {
        return readRegression(file, targetCount, header, NonFinite.REJECT);
    }

    /** As {@link #readRegression(Path, int, boolean)}, with non-finite values refused or allowed. */
    public static Dataset readRegression(Path file, int targetCount, boolean header, NonFinite nonFinite)
            throws IOException {
        Rows rows = read(file, header, nonFinite);
        int columns = rows.columns();
        if (targetCount <= 0 || targetCount >= columns) {
            throw new DataFileException(file + ": " + targetCount + " target columns leave no features in " + columns
                    + " columns");
        }
        int featureCount = columns - targetCount;
        float[] features = new float[Math.multiplyExact(rows.size(), featureCount)];
        float[] targets = new float[Math.multiplyExact(rows.size(), targetCount)];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.values.get(r);
            for (int c = 0; c < columns; c++) {
                if (c < featureCount) {
                    features[r * featureCount + c] = (float) row[c];
                } else {
                    targets[r * targetCount + c - featureCount] = (float) row[c];
                }
            }
        }
        return Dataset.regression(features, featureCount, targets, targetCount, nonFinite);
    }

    /**
     * Features only, every column (for predictions): {@code rows x columns} values, row-major. Non-finite values are
     * refused with their line and column.
     */
    public static Matrix readFeatures(Path file, boolean header) throws IOException {
        Rows rows = read(file, header, NonFinite.REJECT);
        int columns = rows.columns();
        float[] values = new float[Math.multiplyExact(rows.size(), columns)];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.values.get(r);
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = (float) row[c];
            }
        }
        return new Matrix(values, rows.size(), columns);
    }

    /** Numbers read from a file: {@link #rows()} rows of {@link #columns()} values, row-major. */
    public static final class Matrix {
        private final float[] values;
        private final int rows;
        private final int columns;

        /** {@code rows x columns} values, row-major (not copied). */
        public Matrix(float[] values, int rows, int columns) {
            if (values == null || rows < 0 || columns < 0 || (long) rows * columns != values.length) {
                throw new IllegalArgumentException("matrix: " + (values == null ? "null" : values.length + "")
                        + " values are not " + rows + " rows of " + columns + " columns");
            }
            this.values = values;
            this.rows = rows;
            this.columns = columns;
        }

        /** The values, row-major (a copy). */
        public float[] values() {
            return values.clone();
        }

        /** The number of rows. */
        public int rows() {
            return rows;
        }

        /** The number of columns. */
        public int columns() {
            return columns;
        }
    }

    /** The parsed rows and the line each came from. */
    private static final class Rows {
        final List<double[]> values = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();

        int size() {
            return values.size();
        }

        int columns() {
            return values.get(0).length;
        }
    }

    private static Rows read(Path file, boolean header, NonFinite nonFinite) throws IOException {
        FileChecks.regularFile(file, "a CSV file");
        Rows rows = new Rows();
        int number = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            String line;
            boolean skip = header;
            while (true) {
                try {
                    line = reader.readLine();
                } catch (CharacterCodingException e) {
                    throw new DataFileException(file + ": not UTF-8 text (a binary file?): an invalid byte sequence after line "
                            + number, e);
                }
                if (line == null) {
                    break;
                }
                number++;
                if (line.indexOf('\0') >= 0) {
                    throw new DataFileException(file + ": line " + number + ": a NUL character; a binary file, not CSV text");
                }
                if (line.isBlank()) {
                    continue;
                }
                if (skip) {
                    skip = false;
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (!rows.values.isEmpty() && cells.length != rows.columns()) {
                    throw new DataFileException(file + ": line " + number + " has " + cells.length
                            + " columns, the first row " + rows.columns());
                }
                rows.values.add(parse(file, number, cells, nonFinite, !header && rows.values.isEmpty()));
                rows.lines.add(number);
            }
        } catch (IOException e) {
            throw FileChecks.describe(file, "a CSV file", e);
        }
        if (rows.values.isEmpty()) {
            throw new DataFileException(file + ": no data rows");
        }
        return rows;
    }

    /** One line's numbers; {@code mayBeHeader}: it is the first line read without a header being skipped. */
    private static double[] parse(Path file, int number, String[] cells, NonFinite nonFinite, boolean mayBeHeader)
            throws DataFileException {
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].trim();
            try {
                row[c] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new DataFileException(file + ": line " + number + ", column " + (c + 1) + ": \"" + cell
                        + "\" is not a number" + (mayBeHeader ? "; if line " + number + " is a header, skip it"
                                + " (header = true; vecnn: --header)" : ""), e);
            }
            if (nonFinite == NonFinite.REJECT && !Float.isFinite((float) row[c])) {
                throw new DataFileException(file + ": line " + number + ", column " + (c + 1) + ": \"" + cell
                        + "\" is not a finite float (NaN, infinite or beyond +-3.4e38); pass NonFinite.ALLOW to keep"
                        + " such values");
            }
        }
        return row;
    }
}
