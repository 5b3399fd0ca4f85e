package org.vecnn.spi;

import org.vecnn.Shape;

/**
 * A row-major shape seen as {@code outer x length x inner} around one axis, the geometry of a reduction
 * along that axis: element {@code (o, j, i)} is at flat index {@code (o * length + j) * inner + i}, and the
 * reduced result at {@code o * inner + i}.
 */
public final class AxisLayout {
    private final int outer;
    private final int length;
    private final int inner;

    private AxisLayout(int outer, int length, int inner) {
        this.outer = outer;
        this.length = length;
        this.inner = inner;
    }

    /** The layout of {@code shape} around {@code axis}, which must be a valid non-negative axis. */
    public static AxisLayout of(Shape shape, int axis) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape.dim(i);
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.rank(); i++) {
            inner *= shape.dim(i);
        }
        return new AxisLayout(outer, shape.dim(axis), inner);
    }

    /** The product of the dimensions before the axis. */
    public int outer() {
        return outer;
    }

    /** The size of the axis. */
    public int length() {
        return length;
    }

    /** The product of the dimensions after the axis. */
    public int inner() {
        return inner;
    }

    /** The flat index of element {@code j} along the axis at position {@code (outer, inner)}. */
    public int index(int o, int j, int i) {
        return (o * length + j) * inner + i;
    }
}
