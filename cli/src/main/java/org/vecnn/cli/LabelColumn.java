package org.vecnn.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.vecnn.nn.data.Csv;
import org.vecnn.nn.data.DataFileException;
import picocli.CommandLine;

/**
 * The {@code --label-column} option: a CSV column from 0 ({@code -1} is the last, {@code -2} the one before) or
 * the word {@code last}; and the split of a CSV's columns into features and that column.
 */
record LabelColumn(int index) {
    /** The first column, the default. */
    static final LabelColumn FIRST = new LabelColumn(0);

    /** The option's text, as picocli converts it: {@code N} or {@code last}, in either case. */
    static final class Converter implements CommandLine.ITypeConverter<LabelColumn> {
        @Override
        public LabelColumn convert(String text) {
            String trimmed = text.trim().toLowerCase(Locale.ROOT);
            if (trimmed.equals("last")) {
                return new LabelColumn(-1);
            }
            if (trimmed.equals("first")) {
                return FIRST;
            }
            try {
                return new LabelColumn(Integer.parseInt(trimmed));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a column: give its number from 0"
                        + " (negative counts from the end) or `last`");
            }
        }
    }

    /** The column's index from 0 in a row of {@code columns}; refused, naming {@code file}, where there is none. */
    int resolve(int columns, Path file) throws DataFileException {
        int resolved = index < 0 ? columns + index : index;
        if (resolved < 0 || resolved >= columns || columns < 2) {
            throw new DataFileException(file + ": --label-column " + this + " does not exist: the file has " + columns
                    + " column" + (columns == 1 ? "" : "s") + (columns < 2 ? ", no room for features and a label" : "")
                    + "; give a column from 0 to " + (columns - 1) + " or `last`");
        }
        return resolved;
    }

    /** The columns of {@code all} other than this one: the features, row-major. */
    float[] features(Csv.Matrix all, Path file) throws DataFileException {
        int drop = resolve(all.columns(), file);
        float[] values = all.values();
        int columns = all.columns();
        float[] kept = new float[Math.multiplyExact(all.rows(), columns - 1)];
        for (int r = 0, k = 0; r < all.rows(); r++) {
            for (int c = 0; c < columns; c++) {
                if (c != drop) {
                    kept[k++] = values[r * columns + c];
                }
            }
        }
        return kept;
    }

    /** This column of {@code all}, one value per row. */
    float[] values(Csv.Matrix all, Path file) throws DataFileException {
        int column = resolve(all.columns(), file);
        float[] values = all.values();
        float[] picked = new float[all.rows()];
        for (int r = 0; r < picked.length; r++) {
            picked[r] = values[r * all.columns() + column];
        }
        return picked;
    }

    /** {@code last}, or the number as given. */
    @Override
    public String toString() {
        return index == -1 ? "last" : Integer.toString(index);
    }
}
