package org.vecnn.backend.ejml;

import org.vecnn.Tensor;
import org.vecnn.spi.Op;
import org.vecnn.spi.UnaryOp;

/**
 * The kernels of one dtype over row-major arrays: EJML's where it has them ({@code FDRM} for float32,
 * {@code DDRM} for float64), plain loops over the arrays otherwise. Matrices are given as (array, offset,
 * rows, columns); arguments are validated by the SPI.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
interface Dense<A> {
    /** The tensor's live storage. */
    A data(Tensor t);

    /** {@code c[cOff..] = a[aOff..] (m x k) · b[bOff..] (k x n)}. */
    void mult(A a, int aOff, int m, int k, A b, int bOff, int n, A c, int cOff, boolean parallel);

    /** {@code c (m x n) = aᵀ · b} for {@code a} of (k x m) and {@code b} of (k x n). */
    void multTransA(A a, int k, int m, A b, int n, A c, boolean parallel);

    /** {@code c (m x n) = a · bᵀ} for {@code a} of (m x k) and {@code b} of (n x k). */
    void multTransB(A a, int m, int k, A b, int n, A c, boolean parallel);

    /** {@code c = a op b} elementwise over {@code size} elements of equal shape. */
    void elementwise(Op op, A a, A b, A c, int size);

    /** {@code c = a op b[0]}. */
    void withScalarRight(Op op, A a, A b, A c, int size);

    /** {@code c = a[0] op b}. */
    void withScalarLeft(Op op, A a, A b, A c, int size);

    /**
     * {@code c = a op b} broadcast row by row: row {@code r} of {@code c} (length {@code rowLength}) combines
     * {@code a} from {@code aStarts[r]} with step {@code aStride} and {@code b} likewise.
     */
    void rows(Op op, A a, int[] aStarts, int aStride, A b, int[] bStarts, int bStride, A c, int rowLength);

    /** {@code c = alpha · a}. */
    void scale(A a, double alpha, A c, int size);

    /** {@code y += alpha · x}, product rounded before the sum. */
    void axpy(double alpha, A x, A y, int size);

    /** {@code c = op(a)} elementwise, as {@link UnaryOp#apply(double)} rounded once to the dtype. */
    void map(UnaryOp op, A a, A c, int size);

    /** {@code out (1 x cols)} = the column sums of {@code a (rows x cols)}. */
    void sumCols(A a, int rows, int cols, A out);

    /** {@code out (rows x 1)} = the row sums of {@code a (rows x cols)}. */
    void sumRows(A a, int rows, int cols, A out);

    /** {@code out (cols x rows) = aᵀ}. */
    void transpose(A a, int rows, int cols, A out);
}
