package org.vecnn;

import java.util.Arrays;

/**
 * The immutable shape of a tensor: its dimensions, outermost first, in row-major (C) order.
 *
 * <p>A shape of rank 0 is a scalar and has one element. Dimensions may be 0 (an empty tensor) but never
 * negative, and the element count always fits in an {@code int}: both are checked when the shape is made,
 * so no index computed from a valid shape can wrap. {@link #toString()} prints NumPy's notation:
 * {@code ()}, {@code (4,)}, {@code (2,3)}.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0], 1);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims, int size) {
        this.dims = dims;
        this.size = size;
    }

    /**
     * The shape with the given dimensions.
     *
     * @throws ShapeException if a dimension is negative or the element count exceeds {@link Integer#MAX_VALUE}
     * @throws TensorArgumentException if {@code dims} is null
     */
    public static Shape of(int... dims) {
        if (dims == null) {
            throw new TensorArgumentException("shape: dimensions are null");
        }
        int[] copy = dims.clone();
        return new Shape(copy, checkedSize(copy));
    }

    /**
     * The shape {@code dims} for reshaping a tensor of shape {@code from}, NumPy style: one dimension may be
     * {@code -1}, inferred so that the sizes match.
     *
     * @throws ShapeException if the sizes cannot match, more than one dimension is -1, or one is below -1
     */
    public static Shape inferred(String op, Shape from, int... dims) {
        if (dims == null) {
            throw new TensorArgumentException(op + ": dimensions are null");
        }
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (unknown >= 0) {
                    throw new ShapeException(op + ": can only specify one unknown dimension, got " + format(dims));
                }
                unknown = i;
            } else if (dims[i] < 0) {
                throw new ShapeException(op + ": negative dimension " + dims[i] + " in " + format(dims));
            } else {
                known *= dims[i];
            }
        }
        int[] resolved = dims.clone();
        if (unknown >= 0) {
            if (known == 0 || from.size() % known != 0) {
                throw new ShapeException(op + ": cannot reshape array of size " + from.size() + " into shape " + format(dims));
            }
            resolved[unknown] = (int) (from.size() / known);
        }
        Shape shape = of(resolved);
        if (shape.size() != from.size()) {
            throw new ShapeException(op + ": cannot reshape array of size " + from.size() + " into shape " + format(dims));
        }
        return shape;
    }

    /**
     * {@code np.broadcast_shapes(a, b)}: the shape two operands of an elementwise operation broadcast to.
     *
     * @throws ShapeException if they do not broadcast together
     */
    public static Shape broadcast(Shape a, Shape b) {
        return broadcast("broadcast", a, b);
    }

    /**
     * The shape two operands of operation {@code op} broadcast to under NumPy's rules: shapes are aligned at
     * their last dimension, missing leading dimensions count as 1, and each pair of dimensions must be equal or
     * contain a 1. The one place these rules are written; the SPI's plans use it.
     *
     * @throws ShapeException {@code "add: operands could not be broadcast together with shapes (2,3) (4,)"}, or
     *                        if the result has more elements than an int counts
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        int[] result = broadcastDims(a, b);
        if (result == null) {
            throw new ShapeException(op + ": operands could not be broadcast together with shapes " + a + " " + b);
        }
        try {
            return of(result);
        } catch (ShapeException e) {
            throw new ShapeException(op + ": the result for shapes " + a + " and " + b + " is too large: " + e.getMessage());
        }
    }

    /** Whether {@code a} and {@code b} broadcast together (see {@link #broadcast(String, Shape, Shape)}). */
    public static boolean broadcastable(Shape a, Shape b) {
        return broadcastDims(a, b) != null;
    }

    private static int[] broadcastDims(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] result = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromEnd(a, rank - 1 - i);
            int db = dimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /** The dimension {@code fromEnd} places before the last (0 is the last); 1 where the shape has none. */
    private static int dimFromEnd(Shape shape, int fromEnd) {
        int axis = shape.rank() - 1 - fromEnd;
        return axis >= 0 ? shape.dim(axis) : 1;
    }

    /** The shape of a rank-0 tensor (a scalar), which has one element. */
    public static Shape scalar() {
        return SCALAR;
    }

    private static int checkedSize(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new ShapeException("shape: negative dimension " + d + " in " + format(dims));
            }
        }
        for (int d : dims) {
            if (d == 0) {
                return 0;
            }
        }
        long size = 1;
        for (int d : dims) {
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new ShapeException("shape: " + format(dims) + " has more than " + Integer.MAX_VALUE
                        + " (Integer.MAX_VALUE) elements");
            }
        }
        return (int) size;
    }

    /** The number of dimensions; 0 for a scalar. */
    public int rank() {
        return dims.length;
    }

    /** The number of elements: the product of the dimensions, 1 for a scalar. */
    public int size() {
        return size;
    }

    /**
     * The size of one dimension. Negative axes count from the end, as in NumPy: {@code dim(-1)} is the last.
     *
     * @throws ShapeException if the axis is out of range
     */
    public int dim(int axis) {
        return dims[axis("shape", axis)];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * The non-negative index of {@code axis} (which may count from the end) in this shape.
     *
     * @param op the operation to name in the error message
     * @throws ShapeException if the axis is out of range for this rank
     */
    public int axis(String op, int axis) {
        int rank = dims.length;
        if (axis < -rank || axis >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of bounds for shape " + this
                    + " of rank " + rank);
        }
        return axis < 0 ? axis + rank : axis;
    }

    /** The row-major strides in elements: the step in the flat index for a step of 1 along each axis. */
    public int[] strides() {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= Math.max(dims[i], 1);
        }
        return strides;
    }

    /** The shape with {@code axis} removed (or set to 1 if {@code keepDims}). */
    public Shape reduce(String op, int axis, boolean keepDims) {
        int a = axis(op, axis);
        if (keepDims) {
            int[] kept = dims.clone();
            kept[a] = 1;
            return of(kept);
        }
        int[] reduced = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != a) {
                reduced[j++] = dims[i];
            }
        }
        return of(reduced);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape && Arrays.equals(dims, ((Shape) other).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** NumPy's notation: {@code ()}, {@code (4,)}, {@code (2,3)}. */
    @Override
    public String toString() {
        return format(dims);
    }

    private static String format(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(dims[i]);
        }
        return text.append(')').toString();
    }
}
