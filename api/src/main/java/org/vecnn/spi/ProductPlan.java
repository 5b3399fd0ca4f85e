package org.vecnn.spi;

import java.util.Arrays;
import org.vecnn.Shape;
import org.vecnn.ShapeException;

/**
 * The geometry of a product, computed once by vecnn before any kernel runs: a stack of {@link #batchCount()}
 * independent products {@code C = op(A) · op(B)} of an {@code m x k} by a {@code k x n} matrix, BLAS style.
 *
 * <p>Batch {@code t} reads {@code op(A)} at element offset {@link #aOffset(int) aOffset(t)} of the left
 * operand's storage with leading dimension {@link #lda()} (the distance between consecutive stored rows),
 * transposed when {@link #transposeA()}; likewise {@code B}; and writes its {@code m x n} result at
 * {@link #outOffset(int) outOffset(t)} with row distance {@link #ldc()}. {@link #a}, {@link #b} and
 * {@link #out} turn a (batch, row, column) into a flat index, so a simple kernel needs no layout arithmetic
 * of its own. {@code k >= 1}, {@code m, n >= 1}: empty products never reach a kernel.
 *
 * <p>A {@link #isStandard() standard} plan (no transposes, dense row-major matrices, results packed one after
 * the other) is what {@code np.matmul} gives and what {@link Kernels#matmul} receives. Transposed products
 * ({@code aᵀ·b}, {@code a·bᵀ}) and {@code np.dot} of a right operand of rank 3 or more (results interleaved,
 * {@code ldc > n}) reach {@link Kernels#product}.
 */
public final class ProductPlan {
    private final Shape resultShape;
    private final int m;
    private final int n;
    private final int k;
    private final boolean transposeA;
    private final boolean transposeB;
    private final int lda;
    private final int ldb;
    private final int ldc;
    private final int[] aOffsets;
    private final int[] bOffsets;
    private final int[] outOffsets;

    private ProductPlan(Shape resultShape, int m, int n, int k, boolean transposeA, boolean transposeB,
            int lda, int ldb, int ldc, int[] aOffsets, int[] bOffsets, int[] outOffsets) {
        this.resultShape = resultShape;
        this.m = m;
        this.n = n;
        this.k = k;
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.lda = lda;
        this.ldb = ldb;
        this.ldc = ldc;
        this.aOffsets = aOffsets;
        this.bOffsets = bOffsets;
        this.outOffsets = outOffsets;
    }

    /**
     * {@code np.matmul(a, b)}: 1-D operands promoted (and the added dimension removed from the result shape),
     * batch dimensions broadcast without copying (a broadcast batch repeats an offset).
     *
     * @throws ShapeException for a rank-0 operand, misaligned inner dimensions or batch dimensions that
     *                        cannot be broadcast
     */
    public static ProductPlan matmul(String op, Shape a, Shape b) {
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
        int[] outOffsets = new int[aOffsets.length];
        for (int t = 0; t < outOffsets.length; t++) {
            outOffsets[t] = t * m * n;
        }
        return new ProductPlan(resultShape, m, n, k, false, false, k, n, n, aOffsets, bOffsets, outOffsets);
    }

    /**
     * The product of matrices {@code op(a) · op(b)}: {@code aᵀ·b} for {@code a} of shape (k,m) when
     * {@code transposeA}, {@code a·bᵀ} for {@code b} of shape (n,k) when {@code transposeB}.
     *
     * @throws ShapeException if an operand is not 2-D or the inner dimensions differ
     */
    public static ProductPlan transposed(String op, Shape a, Shape b, boolean transposeA, boolean transposeB) {
        matrix(op, "a", a);
        matrix(op, "b", b);
        int aInner = transposeA ? 0 : 1;
        int bInner = transposeB ? 1 : 0;
        if (a.dim(aInner) != b.dim(bInner)) {
            throw new ShapeException(op + ": shapes " + a + " and " + b + " are not aligned: " + a.dim(aInner)
                    + " (dim " + aInner + ") != " + b.dim(bInner) + " (dim " + bInner + ")");
        }
        int m = a.dim(1 - aInner);
        int n = b.dim(1 - bInner);
        int k = a.dim(aInner);
        return new ProductPlan(Shape.of(m, n), m, n, k, transposeA, transposeB, a.dim(1), b.dim(1), n,
                new int[] {0}, new int[] {0}, new int[] {0});
    }

    /**
     * {@code np.dot(a, b)} for operands of rank 1 or more: the last axis of {@code a} contracted with the only
     * axis of a 1-D {@code b}, or with the second-to-last axis of {@code b}. One product per matrix of
     * {@code b}, all sharing {@code a} seen as a (rows, k) matrix, their results interleaved.
     *
     * @throws ShapeException if the contracted dimensions differ, or for a rank-0 operand
     */
    public static ProductPlan dot(String op, Shape a, Shape b) {
        Shape resultShape = Broadcast.dot(op, a, b);
        int k = a.dim(-1);
        int rows = 1;
        for (int axis = 0; axis < a.rank() - 1; axis++) {
            rows *= a.dim(axis);
        }
        int n = b.rank() == 1 ? 1 : b.dim(-1);
        int matrices = 1;
        for (int axis = 0; axis < b.rank() - 2; axis++) {
            matrices *= b.dim(axis);
        }
        int[] aOffsets = new int[matrices];
        int[] bOffsets = new int[matrices];
        int[] outOffsets = new int[matrices];
        for (int t = 0; t < matrices; t++) {
            bOffsets[t] = t * k * n;
            outOffsets[t] = t * n;
        }
        return new ProductPlan(resultShape, rows, n, k, false, false, k, n, matrices * n,
                aOffsets, bOffsets, outOffsets);
    }

    private static void matrix(String op, String role, Shape s) {
        if (s.rank() != 2) {
            throw new ShapeException(op + ": " + role + " must be 2-D, got shape " + s);
        }
    }

    private static Shape leading(Shape s) {
        return s.rank() <= 2 ? Shape.scalar() : Shape.of(Arrays.copyOf(s.dims(), s.rank() - 2));
    }

    private static int[] scaled(int[] matrixIndices, int matrixSize) {
        for (int i = 0; i < matrixIndices.length; i++) {
            matrixIndices[i] *= matrixSize;
        }
        return matrixIndices;
    }

    /** The shape of the whole result, as NumPy gives it. */
    public Shape resultShape() {
        return resultShape;
    }

    /** Rows of each {@code op(A)} and of each result. */
    public int m() {
        return m;
    }

    /** Columns of each {@code op(B)} and of each result. */
    public int n() {
        return n;
    }

    /** The inner (contracted) dimension. */
    public int k() {
        return k;
    }

    /** Whether A is stored transposed: {@code op(A)[i][p]} is stored at row p, column i. */
    public boolean transposeA() {
        return transposeA;
    }

    /** Whether B is stored transposed: {@code op(B)[p][j]} is stored at row j, column p. */
    public boolean transposeB() {
        return transposeB;
    }

    /** The distance in elements between consecutive stored rows of A. */
    public int lda() {
        return lda;
    }

    /** The distance in elements between consecutive stored rows of B. */
    public int ldb() {
        return ldb;
    }

    /** The distance in elements between consecutive rows of a result. */
    public int ldc() {
        return ldc;
    }

    /** The number of products. */
    public int batchCount() {
        return aOffsets.length;
    }

    /** Element offset of batch {@code t}'s A in the left operand. */
    public int aOffset(int t) {
        return aOffsets[t];
    }

    /** Element offset of batch {@code t}'s B in the right operand. */
    public int bOffset(int t) {
        return bOffsets[t];
    }

    /** Element offset of batch {@code t}'s result. */
    public int outOffset(int t) {
        return outOffsets[t];
    }

    /** The flat index of {@code op(A)[i][p]} of batch {@code t}. */
    public int a(int t, int i, int p) {
        return aOffsets[t] + (transposeA ? p * lda + i : i * lda + p);
    }

    /** The flat index of {@code op(B)[p][j]} of batch {@code t}. */
    public int b(int t, int p, int j) {
        return bOffsets[t] + (transposeB ? j * ldb + p : p * ldb + j);
    }

    /** The flat index of result element {@code [i][j]} of batch {@code t}. */
    public int out(int t, int i, int j) {
        return outOffsets[t] + i * ldc + j;
    }

    /**
     * Whether this is a plain {@code np.matmul} stack: no transposes, {@code lda == k}, {@code ldb == n},
     * {@code ldc == n}, and result {@code t} at {@code t·m·n}.
     */
    public boolean isStandard() {
        if (transposeA || transposeB || lda != k || ldb != n || ldc != n) {
            return false;
        }
        for (int t = 0; t < outOffsets.length; t++) {
            if (outOffsets[t] != t * m * n) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the whole stack is one taller product: a {@link #isStandard() standard} plan whose batch {@code t}
     * multiplies the consecutive left matrix at {@code t·m·k} by the one right matrix at offset 0 (a stack of
     * inputs times shared weights). A kernel may then compute {@code out} as a single
     * {@code (batchCount·m) x k} by {@code k x n} product of the operands' storages from offset 0.
     */
    public boolean stacksRowsOverOneRightMatrix() {
        if (!isStandard()) {
            return false;
        }
        for (int t = 0; t < batchCount(); t++) {
            if (bOffsets[t] != 0 || aOffsets[t] != t * m * k) {
                return false;
            }
        }
        return true;
    }

    /** The multiply-adds of the whole product: {@code batchCount·m·n·k}. */
    public long multiplyAdds() {
        return (long) batchCount() * m * n * k;
    }

    @Override
    public String toString() {
        return "ProductPlan[" + batchCount() + " x (" + m + "x" + k + (transposeA ? "ᵀ" : "") + " · " + k + "x" + n
                + (transposeB ? "ᵀ" : "") + "), lda=" + lda + ", ldb=" + ldb + ", ldc=" + ldc + "]";
    }
}
