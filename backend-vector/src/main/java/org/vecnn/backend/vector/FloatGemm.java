package org.vecnn.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 matrix product {@code C = op(A) · op(B)} on row-major arrays, BLIS style: B packed into panels
 * of {@link #NR} columns, A into panels of {@link #MR} rows (a transposed A packed straight from its source),
 * cache blocks of {@link #KC} x {@link #MC}, and a micro-kernel that keeps an {@code MR x NR} block of C in
 * 24 vector registers. Products at most two vectors wide take an unpacked path, tiny ones a scalar loop.
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
    static final long PARALLEL = 1L << 21;

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[MC * KC], new float[KC * NC]});

    private static final ThreadLocal<float[]> NARROW = ThreadLocal.withInitial(() -> new float[KC * 2 * VL]);

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
        if (n <= 2 * VL) {
            int chunks = Math.min(parts, (m + MR - 1) / MR);
            Workers.run(chunks, part -> {
                int[] r = split(m, MR, chunks, part);
                if (r[0] < r[1] && n <= VL) {
                    narrow(transA, transB, r[0], r[1], n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                } else if (r[0] < r[1]) {
                    narrow2(transA, transB, r[0], r[1], n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
            });
            return;
        }
        blockedOnWorkers(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 1, false, c, cOff, ldc, parts);
    }

    /**
     * Whether {@link #addProduct} runs this product with the blocked kernel (else the caller computes the
     * product and adds it itself): products wider than two vectors and above the tiny size.
     */
    static boolean addsInPlace(int m, int n, int k) {
        return m > 0 && k > 0 && n > 2 * VL && (long) m * n * k > TINY;
    }

    /**
     * {@code C += alpha · op(A) · op(B)} in place, BLAS's {@code beta = 1}: each tile of C is updated once per
     * block of {@link #KC} terms as {@code fma(alpha, sum, c)}, so for {@code k <= KC} the result is exactly the
     * product's float sum added by a fused multiply-add, as a product followed by an FMA {@code axpy} gives.
     * Only for {@link #addsInPlace} shapes.
     */
    static void addProduct(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                           int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        blockedOnWorkers(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, alpha, true, c, cOff, ldc,
                work < PARALLEL ? 1 : Workers.parallelism());
    }

    /**
     * The blocked product over the worker pool, splitting the dimension whose split duplicates the least memory
     * traffic: splitting M makes every thread pack all of B (k x n) and read half of A; splitting N pack half of B
     * and read all of A (read in place, unpacked). So M when n < m: the forward product 128x784x256 splits N,
     * the weight gradient 784x128x256 splits M.
     */
    private static void blockedOnWorkers(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                                         int lda, float[] b, int bOff, int ldb, float alpha, boolean accumulate,
                                         float[] c, int cOff, int ldc, int threads) {
        int parts = (long) m * n * k < PARALLEL ? 1 : Math.max(1, threads);
        boolean splitM = n < m || n < 2 * NR;
        int chunks = Math.min(parts, splitM ? (m + MR - 1) / MR : (n + NR - 1) / NR);
        Workers.run(chunks, part -> {
            int[] r = split(splitM ? m : n, splitM ? MR : NR, chunks, part);
            if (r[0] >= r[1]) {
                return;
            }
            if (splitM) {
                blocked(transA, transB, r[0], r[1], 0, n, k, a, aOff, lda, b, bOff, ldb, alpha, accumulate, c, cOff, ldc);
            } else {
                blocked(transA, transB, 0, m, r[0], r[1], k, a, aOff, lda, b, bOff, ldb, alpha, accumulate, c, cOff, ldc);
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
     * block, then eight rows at a time with one accumulator each, stored under a mask.
     */
    static void narrow(boolean transA, boolean transB, int i0, int i1, int n, int k, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        float[] bp = NARROW.get();
        if (bp.length < k * VL) {
            bp = new float[k * VL];
            NARROW.set(bp);
        }
        for (int p = 0; p < k; p++) {
            for (int j = n; j < VL; j++) {
                bp[p * VL + j] = 0;
            }
            for (int j = 0; j < n; j++) {
                bp[p * VL + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
        }
        VectorMask<Float> mask = SPECIES.indexInRange(0, n);
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int i = i0;
        for (; i + 8 <= i1; i += 8) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            FloatVector c3 = c0;
            FloatVector c4 = c0;
            FloatVector c5 = c0;
            FloatVector c6 = c0;
            FloatVector c7 = c0;
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(SPECIES, bp, p * VL);
                int x = a0 + p * ap;
                c0 = FloatVector.broadcast(SPECIES, a[x]).fma(bv, c0);
                c1 = FloatVector.broadcast(SPECIES, a[x + ai]).fma(bv, c1);
                c2 = FloatVector.broadcast(SPECIES, a[x + 2 * ai]).fma(bv, c2);
                c3 = FloatVector.broadcast(SPECIES, a[x + 3 * ai]).fma(bv, c3);
                c4 = FloatVector.broadcast(SPECIES, a[x + 4 * ai]).fma(bv, c4);
                c5 = FloatVector.broadcast(SPECIES, a[x + 5 * ai]).fma(bv, c5);
                c6 = FloatVector.broadcast(SPECIES, a[x + 6 * ai]).fma(bv, c6);
                c7 = FloatVector.broadcast(SPECIES, a[x + 7 * ai]).fma(bv, c7);
            }
            c0.intoArray(c, cOff + i * ldc, mask);
            c1.intoArray(c, cOff + (i + 1) * ldc, mask);
            c2.intoArray(c, cOff + (i + 2) * ldc, mask);
            c3.intoArray(c, cOff + (i + 3) * ldc, mask);
            c4.intoArray(c, cOff + (i + 4) * ldc, mask);
            c5.intoArray(c, cOff + (i + 5) * ldc, mask);
            c6.intoArray(c, cOff + (i + 6) * ldc, mask);
            c7.intoArray(c, cOff + (i + 7) * ldc, mask);
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

    /**
     * Rows {@code [i0, i1)} of a product with {@code VL < n <= 2 VL}: B copied once into a {@code k x 2VL}
     * zero-padded block, then six rows at a time with two accumulators each, the second stored under a mask.
     */
    static void narrow2(boolean transA, boolean transB, int i0, int i1, int n, int k, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int w = 2 * VL;
        float[] bp = NARROW.get();
        if (bp.length < k * w) {
            bp = new float[k * w];
            NARROW.set(bp);
        }
        for (int p = 0; p < k; p++) {
            for (int j = n; j < w; j++) {
                bp[p * w + j] = 0;
            }
            for (int j = 0; j < n; j++) {
                bp[p * w + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
        }
        VectorMask<Float> mask = SPECIES.indexInRange(VL, n);
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int i = i0;
        for (; i + 6 <= i1; i += 6) {
            FloatVector c00 = FloatVector.zero(SPECIES);
            FloatVector c01 = c00;
            FloatVector c10 = c00;
            FloatVector c11 = c00;
            FloatVector c20 = c00;
            FloatVector c21 = c00;
            FloatVector c30 = c00;
            FloatVector c31 = c00;
            FloatVector c40 = c00;
            FloatVector c41 = c00;
            FloatVector c50 = c00;
            FloatVector c51 = c00;
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                FloatVector b0 = FloatVector.fromArray(SPECIES, bp, p * w);
                FloatVector b1 = FloatVector.fromArray(SPECIES, bp, p * w + VL);
                int x = a0 + p * ap;
                FloatVector x0 = FloatVector.broadcast(SPECIES, a[x]);
                c00 = x0.fma(b0, c00);
                c01 = x0.fma(b1, c01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, a[x + ai]);
                c10 = x1.fma(b0, c10);
                c11 = x1.fma(b1, c11);
                FloatVector x2 = FloatVector.broadcast(SPECIES, a[x + 2 * ai]);
                c20 = x2.fma(b0, c20);
                c21 = x2.fma(b1, c21);
                FloatVector x3 = FloatVector.broadcast(SPECIES, a[x + 3 * ai]);
                c30 = x3.fma(b0, c30);
                c31 = x3.fma(b1, c31);
                FloatVector x4 = FloatVector.broadcast(SPECIES, a[x + 4 * ai]);
                c40 = x4.fma(b0, c40);
                c41 = x4.fma(b1, c41);
                FloatVector x5 = FloatVector.broadcast(SPECIES, a[x + 5 * ai]);
                c50 = x5.fma(b0, c50);
                c51 = x5.fma(b1, c51);
            }
            c00.intoArray(c, cOff + i * ldc);
            c01.intoArray(c, cOff + i * ldc + VL, mask);
            c10.intoArray(c, cOff + (i + 1) * ldc);
            c11.intoArray(c, cOff + (i + 1) * ldc + VL, mask);
            c20.intoArray(c, cOff + (i + 2) * ldc);
            c21.intoArray(c, cOff + (i + 2) * ldc + VL, mask);
            c30.intoArray(c, cOff + (i + 3) * ldc);
            c31.intoArray(c, cOff + (i + 3) * ldc + VL, mask);
            c40.intoArray(c, cOff + (i + 4) * ldc);
            c41.intoArray(c, cOff + (i + 4) * ldc + VL, mask);
            c50.intoArray(c, cOff + (i + 5) * ldc);
            c51.intoArray(c, cOff + (i + 5) * ldc + VL, mask);
        }
        for (; i < i1; i++) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            FloatVector c1 = c0;
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p * ap]);
                c0 = x.fma(FloatVector.fromArray(SPECIES, bp, p * w), c0);
                c1 = x.fma(FloatVector.fromArray(SPECIES, bp, p * w + VL), c1);
            }
            c0.intoArray(c, cOff + i * ldc);
            c1.intoArray(c, cOff + i * ldc + VL, mask);
        }
    }

    /**
     * Rows {@code [i0, i1)} and columns {@code [j0, j1)} of C, cache-blocked, on this thread. B is packed into
     * NR-column panels; A is read in place for full MR-row tiles (its rows, or for a transposed A its columns,
     * are MR neighbouring streams that stay in cache across the B panels), and packed, zero-padded, only for the
     * last, partial tile of a block. Each tile of C is zeroed just before its first block of terms, while it is
     * about to be in L1, instead of all of C up front.
     */
    static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float[] a, int aOff,
                        int lda, float[] b, int bOff, int ldb, float alpha, boolean accumulate, float[] c, int cOff,
                        int ldc) {
        boolean zeroFirst = !accumulate;
        float[][] buffers = BUFFERS.get();
        float[] ap = buffers[0];
        float[] bp = buffers[1];
        float[] edge = new float[MR * NR];
        int rowStep = transA ? 1 : lda;
        int termStep = transA ? lda : 1;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    int full = mc / MR * MR;
                    if (full < mc) {
                        packA(transA, a, aOff, lda, ic + full, mc - full, pc, kc, ap);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int co = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                if (pc == 0 && zeroFirst) {
                                    for (int r = 0; r < MR; r++) {
                                        java.util.Arrays.fill(c, co + r * ldc, co + r * ldc + NR, 0);
                                    }
                                }
                                int ao = aOff + (transA ? pc * lda + ic + ir : (ic + ir) * lda + pc);
                                kernel(kc, a, ao, rowStep, termStep, bp, jr * kc, alpha, c, co, ldc);
                            } else {
                                java.util.Arrays.fill(edge, 0);
                                if (mr == MR) {
                                    int ao = aOff + (transA ? pc * lda + ic + ir : (ic + ir) * lda + pc);
                                    kernel(kc, a, ao, rowStep, termStep, bp, jr * kc, 1, edge, 0, NR);
                                } else {
                                    kernel(kc, ap, 0, 1, MR, bp, jr * kc, 1, edge, 0, NR);
                                }
                                for (int r = 0; r < mr; r++) {
                                    int row = co + r * ldc;
                                    for (int j = 0; j < nr; j++) {
                                        float base = pc == 0 && zeroFirst ? 0 : c[row + j];
                                        c[row + j] = Math.fma(alpha, edge[r * NR + j], base);
                                    }
                                }
                            }
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
     * The micro-kernel: {@code C[0..MR, 0..NR) += A · Bp} over {@code kc} terms, element (r, p) of A at
     * {@code ap[ao + r*rs + p*cs]} (a packed panel: rs 1, cs MR; A in place: its row and term steps), Bp a panel
     * of NR columns at {@code bo}; then {@code C = fma(alpha, sum, C)} (alpha 1 for a plain product: exactly
     * {@code sum + C}). The accumulators start from {@code +0.0} and C was zeroed first, so a sum is never
     * {@code -0.0}. Edge tiles go through a scratch tile, so the kernel has no
     * branch: a branch whose profile changes deoptimizes it, and after a few of those C2 may give it up for C1,
     * which does not compile the Vector API to vector instructions (measured: 5 instead of 250 GFLOPS).
     */
    static void kernel(int kc, float[] ap, int ao, int rs, int cs, float[] bp, int bo, float alpha, float[] c, int co,
                       int ldc) {
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
            int ai = ao + p * cs;
            FloatVector x = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(SPECIES, ap[ai + 1 * rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(SPECIES, ap[ai + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(SPECIES, ap[ai + 3 * rs]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(SPECIES, ap[ai + 4 * rs]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(SPECIES, ap[ai + 5 * rs]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        c00 = c00.fma(av, FloatVector.fromArray(SPECIES, c, co));
        c01 = c01.fma(av, FloatVector.fromArray(SPECIES, c, co + VL));
        c02 = c02.fma(av, FloatVector.fromArray(SPECIES, c, co + 2 * VL));
        c03 = c03.fma(av, FloatVector.fromArray(SPECIES, c, co + 3 * VL));
        c10 = c10.fma(av, FloatVector.fromArray(SPECIES, c, co + ldc));
        c11 = c11.fma(av, FloatVector.fromArray(SPECIES, c, co + ldc + VL));
        c12 = c12.fma(av, FloatVector.fromArray(SPECIES, c, co + ldc + 2 * VL));
        c13 = c13.fma(av, FloatVector.fromArray(SPECIES, c, co + ldc + 3 * VL));
        c20 = c20.fma(av, FloatVector.fromArray(SPECIES, c, co + 2 * ldc));
        c21 = c21.fma(av, FloatVector.fromArray(SPECIES, c, co + 2 * ldc + VL));
        c22 = c22.fma(av, FloatVector.fromArray(SPECIES, c, co + 2 * ldc + 2 * VL));
        c23 = c23.fma(av, FloatVector.fromArray(SPECIES, c, co + 2 * ldc + 3 * VL));
        c30 = c30.fma(av, FloatVector.fromArray(SPECIES, c, co + 3 * ldc));
        c31 = c31.fma(av, FloatVector.fromArray(SPECIES, c, co + 3 * ldc + VL));
        c32 = c32.fma(av, FloatVector.fromArray(SPECIES, c, co + 3 * ldc + 2 * VL));
        c33 = c33.fma(av, FloatVector.fromArray(SPECIES, c, co + 3 * ldc + 3 * VL));
        c40 = c40.fma(av, FloatVector.fromArray(SPECIES, c, co + 4 * ldc));
        c41 = c41.fma(av, FloatVector.fromArray(SPECIES, c, co + 4 * ldc + VL));
        c42 = c42.fma(av, FloatVector.fromArray(SPECIES, c, co + 4 * ldc + 2 * VL));
        c43 = c43.fma(av, FloatVector.fromArray(SPECIES, c, co + 4 * ldc + 3 * VL));
        c50 = c50.fma(av, FloatVector.fromArray(SPECIES, c, co + 5 * ldc));
        c51 = c51.fma(av, FloatVector.fromArray(SPECIES, c, co + 5 * ldc + VL));
        c52 = c52.fma(av, FloatVector.fromArray(SPECIES, c, co + 5 * ldc + 2 * VL));
        c53 = c53.fma(av, FloatVector.fromArray(SPECIES, c, co + 5 * ldc + 3 * VL));
        c00.intoArray(c, co);
        c01.intoArray(c, co + VL);
        c02.intoArray(c, co + 2 * VL);
        c03.intoArray(c, co + 3 * VL);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + VL);
        c12.intoArray(c, co + ldc + 2 * VL);
        c13.intoArray(c, co + ldc + 3 * VL);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + VL);
        c22.intoArray(c, co + 2 * ldc + 2 * VL);
        c23.intoArray(c, co + 2 * ldc + 3 * VL);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + VL);
        c32.intoArray(c, co + 3 * ldc + 2 * VL);
        c33.intoArray(c, co + 3 * ldc + 3 * VL);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + VL);
        c42.intoArray(c, co + 4 * ldc + 2 * VL);
        c43.intoArray(c, co + 4 * ldc + 3 * VL);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + VL);
        c52.intoArray(c, co + 5 * ldc + 2 * VL);
        c53.intoArray(c, co + 5 * ldc + 3 * VL);
    }
}
