package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns sized to their widest cell; numbers right-aligned. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    Table(String... header) {
        rows.add(header);
        rightAligned = new boolean[header.length];
    }

    Table rightAlign(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    Table row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                boolean last = c + 1 == row.length;
                if (last && !rightAligned[c]) {
                    out.append(row[c]);
                } else {
                    out.append(String.format("%" + (rightAligned[c] ? "" : "-") + widths[c] + "s", row[c]));
                }
                out.append(last ? "" : "  ");
            }
            out.append(System.lineSeparator());
            if (r == 0) {
                for (int c = 0; c < widths.length; c++) {
                    out.append("-".repeat(Math.max(1, widths[c]))).append(c + 1 < widths.length ? "  " : "");
                }
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
