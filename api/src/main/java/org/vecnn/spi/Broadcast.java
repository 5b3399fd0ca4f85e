package org.vecnn.spi;

import org.vecnn.Shape;
import org.vecnn.ShapeException;

/**
 * NumPy's shape arithmetic for kernels, written once so that no backend derives it again: the broadcast
 * strides and offsets that map a result element to an operand element, and the geometry of {@code dot}. The
 * broadcast result shape itself is {@link Shape#broadcast(String, Shape, Shape)}'s, in {@code org.vecnn}, so
 * that {@code Shape} depends on nothing here.
 *
 * <p>Every method that can fail throws {@link ShapeException} with NumPy's wording and the operation's name.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * The shape two operands broadcast to: {@link Shape#broadcast(String, Shape, Shape)}, where NumPy's rules
     * are written.
     *
     * @throws ShapeException {@code "add: operands could not be broadcast together with shapes (2,3) (4,)"}
     */
    public static Shape shape(String op, Shape a, Shape b) {
        return Shape.broadcast(op, a, b);
    }

    /** Whether {@code a} and {@code b} broadcast together: {@link Shape#broadcastable}. */
    public static boolean compatible(Shape a, Shape b) {
        return Shape.broadcastable(a, b);
    }

    /**
     * The strides, one per axis of {@code result}, with which an operand of shape {@code operand} is read
     * when broadcast to {@code result}: the operand's row-major stride, or 0 along axes it broadcasts.
     * {@code operand} must broadcast to {@code result}.
     */
    public static int[] strides(Shape operand, Shape result) {
        int rank = result.rank();
        int offset = rank - operand.rank();
        if (offset < 0 || !shape("broadcast", operand, result).equals(result)) {
            throw new ShapeException("broadcast: shape " + operand + " cannot be broadcast to " + result);
        }
        int[] own = operand.strides();
        int[] strides = new int[rank];
        for (int axis = offset; axis < rank; axis++) {
            strides[axis] = operand.dim(axis - offset) == 1 ? 0 : own[axis - offset];
        }
        return strides;
    }

    /**
     * For each element of {@code result} in row-major order, the flat index of the operand element that
     * broadcasting reads for it. {@code operand} must broadcast to {@code result}.
     */
    public static int[] offsets(Shape operand, Shape result) {
        int[] strides = strides(operand, result);
        int[] dims = result.dims();
        int[] offsets = new int[result.size()];
        int[] index = new int[dims.length];
        int offset = 0;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = offset;
            for (int axis = dims.length - 1; axis >= 0; axis--) {
                index[axis]++;
                offset += strides[axis];
                if (index[axis] < dims[axis]) {
                    break;
                }
                offset -= strides[axis] * dims[axis];
                index[axis] = 0;
            }
        }
        return offsets;
    }

    /**
     * For each row of {@code result} (a run along its last axis; a rank-0 result is one row of one element),
     * the flat index of the operand element that broadcasting reads first. Along the row the operand is read
     * with step {@link #rowStride(Shape, Shape)}. Lets a kernel broadcast with an inner loop over contiguous
     * memory and a table of one entry per row instead of one per element.
     */
    public static int[] rowStarts(Shape operand, Shape result) {
        int[] strides = strides(operand, result);
        int rank = result.rank();
        int rowLength = rank == 0 ? 1 : result.dim(rank - 1);
        int rows = rowLength == 0 ? 0 : result.size() / rowLength;
        int[] starts = new int[rows];
        int[] index = new int[Math.max(rank - 1, 0)];
        int offset = 0;
        for (int row = 0; row < rows; row++) {
            starts[row] = offset;
            for (int axis = index.length - 1; axis >= 0; axis--) {
                index[axis]++;
                offset += strides[axis];
                if (index[axis] < result.dim(axis)) {
                    break;
                }
                offset -= strides[axis] * result.dim(axis);
                index[axis] = 0;
            }
        }
        return starts;
    }

    /** The step, 0 or 1, with which {@code operand} is read along a row of {@code result}: see {@link #rowStarts}. */
    public static int rowStride(Shape operand, Shape result) {
        return result.rank() == 0 ? 0 : strides(operand, result)[result.rank() - 1];
    }

    /**
     * The plan of an elementwise operation on operands of shapes {@code a} and {@code b}.
     *
     * @throws ShapeException if the shapes do not broadcast together
     */
    public static BroadcastPlan plan(String op, Shape a, Shape b) {
        return new BroadcastPlan(a, b, shape(op, a, b));
    }

    /**
     * The result shape of {@code np.dot(a, b)} for operands of rank 1 or more: the last axis of {@code a} is
     * contracted with the only axis of a 1-D {@code b}, or with the second-to-last axis of {@code b}.
     *
     * @throws ShapeException if the contracted dimensions differ, or for a rank-0 operand
     */
    public static Shape dot(String op, Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException(op + ": rank-0 operands are multiplied, not contracted: shapes " + a + " " + b);
        }
        int bAxis = b.rank() == 1 ? 0 : b.rank() - 2;
        if (a.dim(-1) != b.dim(bAxis)) {
            throw new ShapeException(op + ": shapes " + a + " and " + b + " are not aligned: " + a.dim(-1)
                    + " (dim " + (a.rank() - 1) + ") != " + b.dim(bAxis) + " (dim " + bAxis + ")");
        }
        int[] ad = a.dims();
        int[] bd = b.dims();
        int[] result = new int[a.rank() - 1 + b.rank() - 1];
        System.arraycopy(ad, 0, result, 0, ad.length - 1);
        int next = ad.length - 1;
        for (int axis = 0; axis < bd.length; axis++) {
            if (axis != bAxis) {
                result[next++] = bd[axis];
            }
        }
        return result(op, a, b, result);
    }

    /** The result shape {@code dims} of an operation on {@code a} and {@code b}, checked against the int range. */
    static Shape result(String op, Shape a, Shape b, int[] dims) {
        try {
            return Shape.of(dims);
        } catch (ShapeException e) {
            throw new ShapeException(op + ": the result for shapes " + a + " and " + b + " is too large: " + e.getMessage());
        }
    }
}
