package org.vecnn;

/**
 * The shape and row-major elements of nested Java arrays ({@code double[][]}, {@code float[][][]}), as
 * {@code np.array} reads nested lists: every row of one length, every matrix of one shape, else a clear error.
 */
final class Nested {
    private Nested() {
    }

    static Shape shape(String op, double[][] rows) {
        Checks.notNull(op, "rows", rows);
        return Shape.of(rows.length, columns(op, rows.length, i -> Checks.notNull(op, "row " + i, rows[i]).length));
    }

    static Shape shape(String op, float[][] rows) {
        Checks.notNull(op, "rows", rows);
        return Shape.of(rows.length, columns(op, rows.length, i -> Checks.notNull(op, "row " + i, rows[i]).length));
    }

    static Shape shape(String op, double[][][] blocks) {
        Checks.notNull(op, "blocks", blocks);
        Shape first = blocks.length == 0 ? Shape.of(0, 0) : shape(op, blocks[0]);
        for (int b = 1; b < blocks.length; b++) {
            same(op, first, shape(op, blocks[b]), b);
        }
        return Shape.of(blocks.length, first.dim(0), first.dim(1));
    }

    static Shape shape(String op, float[][][] blocks) {
        Checks.notNull(op, "blocks", blocks);
        Shape first = blocks.length == 0 ? Shape.of(0, 0) : shape(op, blocks[0]);
        for (int b = 1; b < blocks.length; b++) {
            same(op, first, shape(op, blocks[b]), b);
        }
        return Shape.of(blocks.length, first.dim(0), first.dim(1));
    }

    private static void same(String op, Shape first, Shape other, int index) {
        if (!first.equals(other)) {
            throw new ShapeException(op + ": inhomogeneous shape: block 0 has shape " + first + " but block " + index
                    + " has shape " + other);
        }
    }

    private static int columns(String op, int rows, java.util.function.IntUnaryOperator length) {
        int columns = rows == 0 ? 0 : length.applyAsInt(0);
        for (int i = 1; i < rows; i++) {
            if (length.applyAsInt(i) != columns) {
                throw new ShapeException(op + ": inhomogeneous shape: row 0 has " + columns + " elements but row " + i
                        + " has " + length.applyAsInt(i));
            }
        }
        return columns;
    }

    static double[] flatten(String op, double[][] rows) {
        Shape shape = shape(op, rows);
        double[] flat = new double[shape.size()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * shape.dim(1), shape.dim(1));
        }
        return flat;
    }

    static float[] flatten(String op, float[][] rows) {
        Shape shape = shape(op, rows);
        float[] flat = new float[shape.size()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * shape.dim(1), shape.dim(1));
        }
        return flat;
    }

    static double[] flatten(String op, double[][][] blocks) {
        Shape shape = shape(op, blocks);
        double[] flat = new double[shape.size()];
        int block = shape.dim(1) * shape.dim(2);
        for (int b = 0; b < blocks.length; b++) {
            System.arraycopy(flatten(op, blocks[b]), 0, flat, b * block, block);
        }
        return flat;
    }

    static float[] flatten(String op, float[][][] blocks) {
        Shape shape = shape(op, blocks);
        float[] flat = new float[shape.size()];
        int block = shape.dim(1) * shape.dim(2);
        for (int b = 0; b < blocks.length; b++) {
            System.arraycopy(flatten(op, blocks[b]), 0, flat, b * block, block);
        }
        return flat;
    }
}
