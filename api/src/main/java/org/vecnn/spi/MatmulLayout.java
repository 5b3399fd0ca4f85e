package org.vecnn.spi;

import java.util.Arrays;
import org.vecnn.Shape;
import org.vecnn.ShapeException;

/**
 * The geometry of one {@code np.matmul}: a stack of {@link #batchCount()} independent products of an
 * {@code m x k} matrix by a {@code k x n} matrix, all row-major and contiguous.
 *
 * <p>Batch {@code i} reads its left matrix at element offset {@link #aOffset(int) aOffset(i)} of the left
 * operand, its right matrix at {@link #bOffset(int) bOffset(i)} of the right one, and writes
 * {@code m * n} elements at offset {@code i * m * n} of the result. Broadcast batch dimensions repeat an
 * offset; nothing needs to be copied. A 1-D left operand counts as {@code 1 x k}, a 1-D right one as
 * {@code k x 1}. When {@code k == 0} the result is all zeros.
 */
public final class MatmulLayout {
    private final Shape resultShape;
    private final int m;
    private final int k;
    private final int n;
    private final int[] aOffsets;
    private final int[] bOffsets;

    private MatmulLayout(Shape resultShape, int m, int k, int n, int[] aOffsets, int[] bOffsets) {
        this.resultShape = resultShape;
        this.m = m;
        this.k = k;
        this.n = n;
        this.aOffsets = aOffsets;
        this.bOffsets = bOffsets;
    }

    static MatmulLayout of(String op, Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException(op + ": operands must have rank 1 or more, got shapes " + a + " and " + b
                    + " (use multiply for scalars)");
        }
        int m = a.rank() == 1 ? 1 : a.dim(-2);
        int k = a.dim(-1);
        int bAxis = b.rank() == 1 ? 0 : b.rank() - 2;
        int kb = b.dim(bAxis);
        int n = b.rank() == 1 ? 1 : b.dim(-1);
        if (k != kb) {
            throw new ShapeException(op + ": shapes " + a + " and " + b + " are not aligned: " + k + " (dim "
                    + (a.rank() - 1) + ") != " + kb + " (dim " + bAxis + ")");
        }
        Shape aBatch = leading(a);
        Shape bBatch = leading(b);
        if (!Broadcast.compatible(aBatch, bBatch)) {
            throw new ShapeException(op + ": batch dimensions of shapes " + a + " and " + b
                    + " could not be broadcast together: " + aBatch + " " + bBatch);
        }
        Shape batch = Broadcast.shape(op, aBatch, bBatch);
        int[] dims = batch.dims();
        int extra = (a.rank() == 1 ? 0 : 1) + (b.rank() == 1 ? 0 : 1);
        int[] result = Arrays.copyOf(dims, dims.length + extra);
        int next = dims.length;
        if (a.rank() > 1) {
            result[next++] = m;
        }
        if (b.rank() > 1) {
            result[next] = n;
        }
        Shape resultShape = Broadcast.result(op, a, b, result);
        int[] aOffsets = scaled(Broadcast.offsets(aBatch, batch), m * k);
        int[] bOffsets = scaled(Broadcast.offsets(bBatch, batch), k * n);
        return new MatmulLayout(resultShape, m, k, n, aOffsets, bOffsets);
    }

    /** The batch dimensions: all but the last two, none for a 1-D or 2-D operand. */
    private static Shape leading(Shape s) {
        return s.rank() <= 2 ? Shape.scalar() : Shape.of(Arrays.copyOf(s.dims(), s.rank() - 2));
    }

    private static int[] scaled(int[] matrixIndices, int matrixSize) {
        for (int i = 0; i < matrixIndices.length; i++) {
            matrixIndices[i] *= matrixSize;
        }
        return matrixIndices;
    }

    /** The shape of the result, as np.matmul gives it. */
    public Shape resultShape() {
        return resultShape;
    }

    /** Rows of each left matrix and of each result matrix. */
    public int m() {
        return m;
    }

    /** The inner (contracted) dimension. */
    public int k() {
        return k;
    }

    /** Columns of each right matrix and of each result matrix. */
    public int n() {
        return n;
    }

    /** The number of matrix products (the product of the broadcast batch dimensions; 1 without any). */
    public int batchCount() {
        return aOffsets.length;
    }

    /** Element offset of batch {@code i}'s left matrix in the left operand. */
    public int aOffset(int batch) {
        return aOffsets[batch];
    }

    /** Element offset of batch {@code i}'s right matrix in the right operand. */
    public int bOffset(int batch) {
        return bOffsets[batch];
    }

    /** Element offset of batch {@code i}'s matrix in the result. */
    public int outOffset(int batch) {
        return batch * m * n;
    }
}
