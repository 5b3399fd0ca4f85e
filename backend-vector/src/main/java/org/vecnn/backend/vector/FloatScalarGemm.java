package org.vecnn.backend.vector;

/**
 * {@link FloatGemm}'s products in scalar code, for the calls made before the vector kernels are compiled
 * ({@link Warmup}): the Vector API runs many times slower than scalar code until C2 has compiled it. Each
 * element is computed exactly as the vector kernels compute it, so a product gives the same bits before and
 * after the warm-up: the same depth blocks (the narrow path's, the depth split's halves, the blocked path's), each
 * block summed term by term with fused multiply-adds from {@code +0.0}, then stored (the first block of a product
 * that overwrites C) or added with {@code fma(alpha, sum, c)}.
 */
final class FloatScalarGemm {
    private FloatScalarGemm() {
    }

    /**
     * {@code C = op(A)·op(B)} ({@code accumulate} false, {@code alpha} 1) or {@code C += alpha·op(A)·op(B)}, for a
     * product above {@link FloatGemm#TINY} that {@link FloatGemm} would run on its vector kernels.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda, float[] b,
                     int bOff, int ldb, float alpha, boolean accumulate, float[] c, int cOff, int ldc) {
        float[] sums = new float[n];
        if (n <= 2 * FloatGemm.VL) {
            blocks(transA, transB, m, n, 0, k, FloatGemm.NARROW_DEPTH, a, aOff, lda, b, bOff, ldb, alpha, accumulate,
                    c, cOff, ldc, sums);
        } else if (!accumulate && FloatGemm.splitsDepth(m, n, k)) {
            int half = FloatGemm.split(k, FloatGemm.MR, 2, 0)[1];
            float[] upper = new float[m * n];
            blocks(transA, transB, m, n, 0, half, FloatGemm.depth(half), a, aOff, lda, b, bOff, ldb, 1, false, c,
                    cOff, ldc, sums);
            blocks(transA, transB, m, n, half, k, FloatGemm.depth(k - half), a, aOff, lda, b, bOff, ldb, 1, false,
                    upper, 0, n, sums);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] += upper[i * n + j];
                }
            }
        } else {
            blocks(transA, transB, m, n, 0, k, FloatGemm.depth(k), a, aOff, lda, b, bOff, ldb, alpha, accumulate, c,
                    cOff, ldc, sums);
        }
    }

    /**
     * Terms {@code [from, to)} in blocks of {@code depth} terms, counted from {@code from}: each block's sum stored
     * into C when it is the first of a product that overwrites C, else added as {@code fma(alpha, sum, c)}.
     */
    private static void blocks(boolean transA, boolean transB, int m, int n, int from, int to, int depth, float[] a,
                               int aOff, int lda, float[] b, int bOff, int ldb, float alpha, boolean accumulate,
                               float[] c, int cOff, int ldc, float[] sums) {
        for (int p0 = from; p0 < to; p0 += depth) {
            int p1 = Math.min(to, p0 + depth);
            boolean first = p0 == from && !accumulate;
            for (int i = 0; i < m; i++) {
                rowSums(transA, transB, i, n, p0, p1, a, aOff, lda, b, bOff, ldb, sums);
                int row = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    c[row + j] = first ? sums[j] : Math.fma(alpha, sums[j], c[row + j]);
                }
            }
        }
    }

    /** {@code sums[j] = Σ_{p0 <= p < p1} op(A)(i,p)·op(B)(p,j)}, by fused multiply-adds in order of p from +0.0. */
    private static void rowSums(boolean transA, boolean transB, int i, int n, int p0, int p1, float[] a, int aOff,
                                int lda, float[] b, int bOff, int ldb, float[] sums) {
        if (!transB) {
            java.util.Arrays.fill(sums, 0, n, 0);
            for (int p = p0; p < p1; p++) {
                float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                int row = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    sums[j] = Math.fma(x, b[row + j], sums[j]);
                }
            }
            return;
        }
        for (int j = 0; j < n; j++) {
            int column = bOff + j * ldb;
            float sum = 0;
            for (int p = p0; p < p1; p++) {
                float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                sum = Math.fma(x, b[column + p], sum);
            }
            sums[j] = sum;
        }
    }
}
