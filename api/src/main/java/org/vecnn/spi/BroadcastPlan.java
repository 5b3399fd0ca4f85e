package org.vecnn.spi;

import org.vecnn.Shape;

/**
 * How two operands of an elementwise operation map onto its result, computed once by vecnn (NumPy's
 * broadcasting, see {@link Broadcast}) before any kernel runs.
 *
 * <p>The result, row-major, is seen as {@link #rows()} rows of {@link #columns()} elements (its last axis;
 * a rank-0 result is one row of one element). Along a row, operand A is read from
 * {@link #aRowStart(int) aRowStart(row)} with step {@link #aColumnStep()} (0 or 1), and likewise B. The
 * {@link Kind} names the common cases a fast kernel specialises; {@link Kind#GENERAL} needs the row starts.
 * The result never has zero elements when a kernel sees a plan.
 */
public final class BroadcastPlan {
    /** The cases a kernel may specialise. */
    public enum Kind {
        /** Both operands have the result's shape: {@code out[i] = f(a[i], b[i])}. */
        SAME_SHAPE,
        /** A has one element: {@code out[i] = f(a[0], b[i])}, B of the result's shape. */
        SCALAR_A,
        /** B has one element: {@code out[i] = f(a[i], b[0])}, A of the result's shape. */
        SCALAR_B,
        /** B is one row repeated for every row (a bias): {@code out[r][c] = f(a[r][c], b[c])}. */
        ROW_B,
        /** A is one row repeated for every row: {@code out[r][c] = f(a[c], b[r][c])}. */
        ROW_A,
        /** B is one value per row (a column): {@code out[r][c] = f(a[r][c], b[r])}. */
        COLUMN_B,
        /** A is one value per row (a column): {@code out[r][c] = f(a[r], b[r][c])}. */
        COLUMN_A,
        /** Anything else: read the row starts and steps. */
        GENERAL
    }

    private final Shape a;
    private final Shape b;
    private final Shape result;
    private final int rows;
    private final int columns;
    private final Kind kind;
    private int[] aRowStarts;
    private int[] bRowStarts;
    private int aStep = -1;
    private int bStep = -1;

    BroadcastPlan(Shape a, Shape b, Shape result) {
        this.a = a;
        this.b = b;
        this.result = result;
        this.columns = result.rank() == 0 ? 1 : result.dim(-1);
        this.rows = columns == 0 ? 0 : result.size() / columns;
        this.kind = classify(a, b, result, rows, columns);
    }

    private static Kind classify(Shape a, Shape b, Shape result, int rows, int columns) {
        boolean aFull = a.size() == result.size();
        boolean bFull = b.size() == result.size();
        if (aFull && bFull) {
            return Kind.SAME_SHAPE;
        }
        if (a.size() == 1 && bFull) {
            return Kind.SCALAR_A;
        }
        if (b.size() == 1 && aFull) {
            return Kind.SCALAR_B;
        }
        if (aFull && b.size() == columns && isRow(b, columns)) {
            return Kind.ROW_B;
        }
        if (bFull && a.size() == columns && isRow(a, columns)) {
            return Kind.ROW_A;
        }
        if (aFull && b.size() == rows && isColumn(b, result)) {
            return Kind.COLUMN_B;
        }
        if (bFull && a.size() == rows && isColumn(a, result)) {
            return Kind.COLUMN_A;
        }
        return Kind.GENERAL;
    }

    /** An operand whose last axis is the result's and whose other axes are all 1. */
    private static boolean isRow(Shape s, int columns) {
        return s.rank() >= 1 && s.dim(-1) == columns;
    }

    /** An operand whose last axis is 1 (or absent) and which holds one value per result row. */
    private static boolean isColumn(Shape s, Shape result) {
        if (s.rank() == 0 || s.dim(-1) != 1 || result.rank() == 0) {
            return false;
        }
        int offset = result.rank() - s.rank();
        for (int axis = 0; axis < s.rank() - 1; axis++) {
            if (s.dim(axis) != result.dim(axis + offset)) {
                return false;
            }
        }
        return true;
    }

    /** Which case this is. */
    public Kind kind() {
        return kind;
    }

    /** The result's shape. */
    public Shape result() {
        return result;
    }

    /** Operand A's shape. */
    public Shape aShape() {
        return a;
    }

    /** Operand B's shape. */
    public Shape bShape() {
        return b;
    }

    /** The number of result elements. */
    public int size() {
        return result.size();
    }

    /** Rows of the result: its size over its last dimension. */
    public int rows() {
        return rows;
    }

    /** Elements per row: the result's last dimension (1 for a rank-0 result). */
    public int columns() {
        return columns;
    }

    /** Where row {@code row} of the result starts reading A. */
    public int aRowStart(int row) {
        if (aRowStarts == null) {
            aRowStarts = Broadcast.rowStarts(a, result);
        }
        return aRowStarts[row];
    }

    /** Where row {@code row} of the result starts reading B. */
    public int bRowStart(int row) {
        if (bRowStarts == null) {
            bRowStarts = Broadcast.rowStarts(b, result);
        }
        return bRowStarts[row];
    }

    /** The step (0 or 1) with which A is read along a row. */
    public int aColumnStep() {
        if (aStep < 0) {
            aStep = Broadcast.rowStride(a, result);
        }
        return aStep;
    }

    /** The step (0 or 1) with which B is read along a row. */
    public int bColumnStep() {
        if (bStep < 0) {
            bStep = Broadcast.rowStride(b, result);
        }
        return bStep;
    }

    @Override
    public String toString() {
        return "BroadcastPlan[" + kind + ", " + a + " " + b + " -> " + result + "]";
    }
}
