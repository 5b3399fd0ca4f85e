package org.vecnn.backend.ejml;

import org.vecnn.UnaryOp;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Storage;


/**
 * The kernels of one dtype over row-major arrays: EJML's where it has them ({@code FDRM} for float32,
 * {@code DDRM} for float64), plain loops over the arrays otherwise. Matrices are given as (array, offset,
 * rows, columns); arguments are validated by vecnn's front end. The float64
 * implementation is generated at build time from the float32 one.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
interface Dense<A> {
    /** The tensor's live storage. */
    A data(Storage s);

    /** {@code c[cOff..] = a[aOff..] (m x k) · b[bOff..] (k x n)}. */
    void mult(A a, int aOff, int m, int k, A b, int bOff, int n, A c, int cOff, boolean parallel);

    /** {@code c (m x n) = aᵀ · b} for {@code a} of (k x m) and {@code b} of (k x n). */
    void multTransA(A a, int k, int m, A b, int n, A c, boolean parallel);

    /** {@code c (m x n) = a · bᵀ} for {@code a} of (m x k) and {@code b} of (n x k). */
    void multTransB(A a, int m, int k, A b, int n, A c, boolean parallel);

    /** {@code c = a op b} elementwise over {@code size} elements of equal shape. */
    void elementwise(BinaryOp op, A a, A b, A c, int size);

    /** {@code c = a op b[0]}. */
    void withScalarRight(BinaryOp op, A a, A b, A c, int size);

    /** {@code c = a[0] op b}. */
    void withScalarLeft(BinaryOp op, A a, A b, A c, int size);

    /** {@code c = a op b} broadcast as {@code plan} says, row by row. */
    void rows(BinaryOp op, A a, A b, A c, BroadcastPlan plan);

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

    /** {@code c[i] += +0.0} for {@code size} elements: turns {@code -0.0} into {@code +0.0}, nothing else. */
    void positiveZero(A c, int size);
}
