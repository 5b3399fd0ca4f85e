package org.vecnn.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 matrix product {@code C = op(A) · op(B)} on row-major arrays, BLIS style: B packed into panels
 * of {@link #NR} columns, A into panels of {@link #MR} rows (a transposed A packed straight from its source),
 * cache blocks of {@link #KC} x {@link #MC}, and a micro-kernel that keeps an {@code MR x NR} block of C in
 * 24 vector registers. Products narrower than one vector take an unpacked path, tiny ones a scalar loop.
 * Every sum starts from {@code +0.0}. This file is the template of {@code DoubleGemm}, which the build
 * generates by renaming {@code Float}/{@code float}: nothing here may depend on the element width.
 */
final class FloatGemm {
    /** The one species of this element type in the JVM (a species passed as a parameter is 2.5x slower). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int VL = SPECIES.length();
    /** Rows of the register block. */
    static final int MR = 6;
    /** Columns of the register block: four vectors. */
    static final int NR = 4 * VL;
    /** Depth of a cache block. */
    static final int KC = 256;
    /** Rows of A per cache block (a multiple of MR). */
    static final int MC = 192;
    /** Columns of B per cache block (a multiple of NR). */
    static final int NC = 64 * NR;
    /** Below this many multiply-adds, a plain scalar loop. */
    static final long TINY = 4096;
    /** From this many multiply-adds, the work is split over the worker pool. */
    static final long PARALLEL = 1L << 20;

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[MC * KC], new float[KC * NC]});

    private FloatGemm() {
    }

    /**
     * {@code c[cOff + i*ldc + j] = Σ_p op(A)(i,p) · op(B)(p,j)} for {@code i < m, j < n, p < k}, where
     * {@code op(A)(i,p)} is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when {@code transA}, and
     * {@code op(B)(p,j)} is {@code b[bOff + p*ldb + j]}, or {@code b[bOff + j*ldb + p]} when {@code transB}.
     * Overwrites C (no beta); {@code k == 0} gives zeros. Uses up to {@link Workers#parallelism()} threads.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, Workers.parallelism());
    }

    /** {@link #gemm(boolean, boolean, int, int, int, float[], int, int, float[], int, int, float[], int, int)} on at most {@code threads} threads. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int threads) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0);
            }
            return;
        }
        long work = (long) m * n * k;
        if (work <= TINY) {
            naive(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        int parts = work < PARALLEL ? 1 : Math.max(1, threads);
        if (n <= VL) {
            int chunks = Math.min(parts, (m + MR - 1) / MR);
            Workers.run(chunks, part -> {
                int[] r = split(m, MR, chunks, part);
                if (r[0] < r[1]) {
                    narrow(transA, transB, r[0], r[1], n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
            });
            return;
        }
        // Split the dimension whose split duplicates the least packing: splitting M makes every thread pack
        // all of B (k x n), splitting N all of A (m x k, dearer when it must be transposed).
        boolean splitM = (long) k * n <= (long) m * k * (transA ? 1 : 2) || n < 2 * NR;
        int chunks = Math.min(parts, splitM ? (m + MR - 1) / MR : (n + NR - 1) / NR);
        Workers.run(chunks, part -> {
            int[] r = split(splitM ? m : n, splitM ? MR : NR, chunks, part);
            if (r[0] >= r[1]) {
                return;
            }
            if (splitM) {
                blocked(transA, transB, r[0], r[1], 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            } else {
                blocked(transA, transB, 0, m, r[0], r[1], k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            }
        });
    }

    /** Part {@code part} of {@code [0, size)} cut into {@code parts} ranges on multiples of {@code unit}. */
    static int[] split(int size, int unit, int parts, int part) {
        int units = (size + unit - 1) / unit;
        int from = (int) ((long) units * part / parts) * unit;
        int to = (int) ((long) units * (part + 1) / parts) * unit;
        return new int[] {Math.min(from, size), Math.min(to, size)};
    }

    /** The reference triple loop, for tiny products. */
    static void naive(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int bj = transB ? ldb : 1;
        int bp = transB ? 1 : ldb;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * ai + p * ap] * b[bOff + p * bp + j * bj];
                }
                c[cOff + i * ldc + j] = sum;
            }
        }
    }

    /**
     * Rows {@code [i0, i1)} of a product with {@code n <= VL}: B copied once into a {@code k x VL} zero-padded
     * block, then {@link #MR} rows at a time with one accumulator each, stored under a mask.
     */
    static void narrow(boolean transA, boolean transB, int i0, int i1, int n, int k, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        float[] bp = new float[k * VL];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bp[p * VL + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
        }
        VectorMask<Float> mask = SPECIES.indexInRange(0, n);
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            FloatVector c3 = c0;
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(SPECIES, bp, p * VL);
                int x = a0 + p * ap;
                c0 = FloatVector.broadcast(SPECIES, a[x]).fma(bv, c0);
                c1 = FloatVector.broadcast(SPECIES, a[x + ai]).fma(bv, c1);
                c2 = FloatVector.broadcast(SPECIES, a[x + 2 * ai]).fma(bv, c2);
                c3 = FloatVector.broadcast(SPECIES, a[x + 3 * ai]).fma(bv, c3);
            }
            c0.intoArray(c, cOff + i * ldc, mask);
            c1.intoArray(c, cOff + (i + 1) * ldc, mask);
            c2.intoArray(c, cOff + (i + 2) * ldc, mask);
            c3.intoArray(c, cOff + (i + 3) * ldc, mask);
        }
        for (; i < i1; i++) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                c0 = FloatVector.broadcast(SPECIES, a[a0 + p * ap]).fma(FloatVector.fromArray(SPECIES, bp, p * VL), c0);
            }
            c0.intoArray(c, cOff + i * ldc, mask);
        }
    }

    /** Rows {@code [i0, i1)} and columns {@code [j0, j1)} of C, packed and cache-blocked, on this thread. */
    static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float[] a, int aOff,
                        int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        float[][] buffers = BUFFERS.get();
        float[] ap = buffers[0];
        float[] bp = buffers[1];
        float[] edge = new float[MR * NR];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            kernel(kc, ap, ir * kc, bp, jr * kc, c, cOff + (ic + ir) * ldc + jc + jr, ldc,
                                    mr, nr, pc == 0, edge);
                        }
                    }
                }
            }
        }
    }

    /** op(B) rows {@code [pc, pc+kc)}, columns {@code [jc, jc+nc)} into panels of NR columns, zero-padded. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int dst = base + p * NR;
                    if (nr == NR) {
                        FloatVector.fromArray(SPECIES, b, src).intoArray(bp, dst);
                        FloatVector.fromArray(SPECIES, b, src + VL).intoArray(bp, dst + VL);
                        FloatVector.fromArray(SPECIES, b, src + 2 * VL).intoArray(bp, dst + 2 * VL);
                        FloatVector.fromArray(SPECIES, b, src + 3 * VL).intoArray(bp, dst + 3 * VL);
                    } else {
                        System.arraycopy(b, src, bp, dst, nr);
                        java.util.Arrays.fill(bp, dst + nr, dst + NR, 0);
                    }
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = b[src + p];
                    }
                }
                if (nr < NR) {
                    for (int p = 0; p < kc; p++) {
                        java.util.Arrays.fill(bp, base + p * NR + nr, base + (p + 1) * NR, 0);
                    }
                }
            }
        }
    }

    /** op(A) rows {@code [ic, ic+mc)}, columns {@code [pc, pc+kc)} into panels of MR rows, zero-padded. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = mr; r < MR; r++) {
                        ap[dst + r] = 0;
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    if (r < mr) {
                        int src = aOff + (ic + ir + r) * lda + pc;
                        for (int p = 0; p < kc; p++) {
                            ap[base + p * MR + r] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            ap[base + p * MR + r] = 0;
                        }
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: {@code C[0..mr, 0..nr) (=|+=) Ap · Bp} over {@code kc} terms, Ap a panel of MR rows
     * at {@code ao}, Bp a panel of NR columns at {@code bo}; the accumulators start from {@code +0.0}.
     */
    static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, int mr, int nr,
                       boolean overwrite, float[] edge) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + VL);
            FloatVector b2 = FloatVector.fromArray(SPECIES, bp, bi + 2 * VL);
            FloatVector b3 = FloatVector.fromArray(SPECIES, bp, bi + 3 * VL);
            int ai = ao + p * MR;
            FloatVector x = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        if (mr == MR && nr == NR) {
            store(c, co, overwrite, c00, c01, c02, c03);
            store(c, co + ldc, overwrite, c10, c11, c12, c13);
            store(c, co + 2 * ldc, overwrite, c20, c21, c22, c23);
            store(c, co + 3 * ldc, overwrite, c30, c31, c32, c33);
            store(c, co + 4 * ldc, overwrite, c40, c41, c42, c43);
            store(c, co + 5 * ldc, overwrite, c50, c51, c52, c53);
            return;
        }
        store(edge, 0, true, c00, c01, c02, c03);
        store(edge, NR, true, c10, c11, c12, c13);
        store(edge, 2 * NR, true, c20, c21, c22, c23);
        store(edge, 3 * NR, true, c30, c31, c32, c33);
        store(edge, 4 * NR, true, c40, c41, c42, c43);
        store(edge, 5 * NR, true, c50, c51, c52, c53);
        for (int r = 0; r < mr; r++) {
            int row = co + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[row + j] = overwrite ? edge[r * NR + j] : c[row + j] + edge[r * NR + j];
            }
        }
    }

    private static void store(float[] c, int at, boolean overwrite, FloatVector v0, FloatVector v1, FloatVector v2,
                              FloatVector v3) {
        if (!overwrite) {
            v0 = v0.add(FloatVector.fromArray(SPECIES, c, at));
            v1 = v1.add(FloatVector.fromArray(SPECIES, c, at + VL));
            v2 = v2.add(FloatVector.fromArray(SPECIES, c, at + 2 * VL));
            v3 = v3.add(FloatVector.fromArray(SPECIES, c, at + 3 * VL));
        }
        v0.intoArray(c, at);
        v1.intoArray(c, at + VL);
        v2.intoArray(c, at + 2 * VL);
        v3.intoArray(c, at + 3 * VL);
    }
}
