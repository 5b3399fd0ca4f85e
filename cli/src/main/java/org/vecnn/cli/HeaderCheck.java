package org.vecnn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecnn.nn.data.DataFileException;

/**
 * A CSV read without {@code --header} whose first line is a header (words over a second line of numbers): said
 * so, with the option to pass, instead of {@code "label" is not a number}.
 */
final class HeaderCheck {
    /** Longer first lines are left to the CSV reader. */
    private static final int MAX_LINE = 1 << 20;

    private HeaderCheck() {
    }

    /**
     * Refuses {@code file} when {@code header} is false, its first non-blank line has a cell that is not a number
     * and its second is all numbers. Anything unusual (not a regular file, not text, a huge line) is left to the
     * CSV reader, which names it.
     */
    static void require(Path file, boolean header) throws DataFileException {
        if (header || !Files.isRegularFile(file)) {
            return;
        }
        String[] lines = new String[2];
        int[] numbers = new int[2];
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (int found = 0; found < 2; ) {
                String line = reader.readLine();
                if (line == null || line.length() > MAX_LINE) {
                    return;
                }
                number++;
                if (!line.isBlank()) {
                    lines[found] = line;
                    numbers[found++] = number;
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        String word = firstNonNumber(lines[0]);
        if (word != null && firstNonNumber(lines[1]) == null) {
            throw new DataFileException(file + ": line " + numbers[0] + " looks like a header (\"" + word + "\" is not"
                    + " a number, and line " + numbers[1] + " holds only numbers): pass --header to skip it");
        }
    }

    private static String firstNonNumber(String line) {
        for (String cell : line.split(",", -1)) {
            try {
                Double.parseDouble(cell.trim());
            } catch (NumberFormatException e) {
                return cell.trim();
            }
        }
        return null;
    }
}
