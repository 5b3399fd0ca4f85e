package org.vecnn.backend.vector;

import java.util.concurrent.atomic.AtomicIntegerArray;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 matrix product {@code C = op(A) · op(B)} on row-major arrays, BLIS style: B packed into panels
 * of {@link #NR} columns, A into tiles of {@link #MR} rows, cache blocks of {@link #KC} x {@link #MC}, and a
 * micro-kernel ({@link #KERNEL}, chosen for the register file) that keeps an {@code MR x NR} block of C in vector
 * registers.
 * Products at most two vectors wide take an unpacked path, tiny ones a scalar loop. Every sum starts from
 * {@code +0.0}. This file is the template of {@code DoubleGemm}, which the build generates by renaming
 * {@code Float}/{@code float}: the element width enters only through {@code Float.BYTES}.
 */
final class FloatGemm {
    /** The one species of this element type in the JVM (a species passed as a parameter is 2.5x slower). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int VL = SPECIES.length();
    /** The micro-kernel for this machine's register file ({@link VectorMachine#kernel}), chosen once. */
    static final FloatMicroKernel KERNEL = FloatMicroKernel.named(VectorMachine.CURRENT.kernel(Float.BYTES));
    /** Rows of the register block. */
    static final int MR = KERNEL.rows();
    /** Columns of the register block, in vectors. */
    private static final int NV = KERNEL.vectors();
    /** Columns of the register block. */
    static final int NR = NV * VL;
    /**
     * Depth of a cache block: a B micro-panel of KC x NR elements fills two thirds of L1 with room for an A tile
     * and C ({@link VectorMachine#depth}).
     */
    static final int KC = VectorMachine.CURRENT.depth(NR * Float.BYTES);
    /**
     * Rows of A per cache block (a multiple of MR): a block packed for all its depth (1 MB float32, 1.5 MB float64
     * at a depth of 1024) is read from L2 by every block of C columns: the more rows, the fewer passes over B
     * (docs/performance.md has the measurements).
     */
    static final int MC = 32 * MR;
    /** Columns of B per cache block when B is packed a depth block at a time (a multiple of NR). */
    static final int NC = 64 * NR;
    /**
     * Elements of B packed at once, all of its depth, when they fit (8 MB: the whole of B for a 1024 x 1024
     * float64 product): packed once and shared by the threads, then read panel by panel from L3, each panel
     * reused by a whole block of A. Larger products are packed a depth block at a time.
     */
    static final long B_WHOLE = (8L << 20) / Float.BYTES;
    /**
     * Elements of a block of C (MC rows) kept in L2 through all its depth blocks while the block's rows of A, packed
     * once for all their depth, stream past (128 KB float32, 256 KB float64), rather than one block of all the
     * columns, which the B panels streaming through L2 would evict between depth blocks.
     */
    static final long C_BLOCK = 1L << 15;
    /**
     * Elements of A's row block packed at once, all of its depth (4 MB: MC rows by a depth of 4096 float32 or
     * 2730 float64); deeper products take {@link #blocked}'s depth-block path, as products whose B is too large do.
     */
    static final long A_WHOLE = (4L << 20) / Float.BYTES;
    /** Below this many multiply-adds, a plain scalar loop. */
    static final long TINY = 4096;
    /** From this many multiply-adds, the work is split over the worker pool. */
    static final long PARALLEL = 1L << 18;

    /** A thread's packing buffers and scratch. */
    private static final class Scratch {
        final float[] edge = new float[MR * NR];
        final int[] gather = new int[MR * VL];
        private float[] a = new float[0];
        private float[] b = new float[0];

        /** The buffer for packed A, of at least {@code size} elements. */
        float[] packedA(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        /** The buffer for packed B, of at least {@code size} elements: sized by the first products that need it. */
        float[] packedB(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Terms of a narrow product's depth block: its packed panel of B ({@code NARROW_DEPTH x 2 VL} at most) is all
     * the memory a thread keeps for narrow products, whatever their depth.
     */
    static final int NARROW_DEPTH = 4096;

    private static final ThreadLocal<float[]> NARROW = ThreadLocal.withInitial(() -> new float[KC * 2 * VL]);

    /** The length of this thread's narrow panel (for tests: it never exceeds {@code NARROW_DEPTH x 2 VL}). */
    static int narrowPanelLength() {
        return NARROW.get().length;
    }

    private static final ThreadLocal<float[]> NARROW_TILE = ThreadLocal.withInitial(() -> new float[8 * 2 * VL]);

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
        gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, Workers.parallelism(), Epilogue.NONE);
    }

    /** {@link #gemm(boolean, boolean, int, int, int, float[], int, int, float[], int, int, float[], int, int)}, then {@code epilogue} on each part of C. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, Epilogue epilogue) {
        gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, Workers.parallelism(), epilogue);
    }

    /** The product on at most {@code threads} threads. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int threads) {
        gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, threads, Epilogue.NONE);
    }

    private static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int threads,
                             Epilogue epilogue) {
        if (m <= 0 || n <= 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k <= 0 || work <= TINY) {
            if (k <= 0) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0);
                }
            } else {
                naive(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            }
            epilogue.finish(0, m, 0, n);
            return;
        }
        if (!Warmup.ready(Float.BYTES)) {
            FloatScalarGemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 1, false, c, cOff, ldc);
            epilogue.finish(0, m, 0, n);
            return;
        }
        vectorGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, threads, epilogue);
    }

    /** The product on the vector kernels, whether or not they are compiled yet (the warm-up calls it). */
    static void vectorGemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                           float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int threads, Epilogue epilogue) {
        long work = (long) m * n * k;
        int parts = work < PARALLEL ? 1 : Math.max(1, threads);
        if (n <= 2 * VL) {
            narrowOnWorkers(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 1, false, c, cOff, ldc, parts, epilogue);
            return;
        }
        if (splitsDepth(m, n, k)) {
            depthHalves(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, parts, epilogue);
            return;
        }
        blockedOnWorkers(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, 1, false, c, cOff, ldc, parts, epilogue);
    }

    /**
     * Whether a product is summed as two halves of its depth, each a thread's: a deep product with a small C,
     * such as a dense layer's forward step (128 x 784 x 256). Each thread then reads half of A's columns and
     * half of B's rows, the rows of the weights the weight-gradient product (split along M) updates on that same
     * thread, so the weights stay in one core's cache from step to step instead of crossing to the other.
     * Decided by the shape alone, so the sums are the same on any number of threads.
     */
    static boolean splitsDepth(int m, int n, int k) {
        return k >= 2 * KC && k >= 2 * Math.max(m, n) && (long) m * n <= 1L << 16 && (long) m * n * k >= PARALLEL;
    }

    private static final ThreadLocal<float[]> DEPTH_HALF = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * C = op(A)·op(B) as the sum of the products over terms {@code [0, k/2)} (into C) and {@code [k/2, k)} (into a
     * scratch matrix of the caller's), computed on two threads, then added row block by row block, each block
     * finished by {@code epilogue}.
     */
    private static void depthHalves(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                                    float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int parts,
                                    Epilogue epilogue) {
        float[] scratch = DEPTH_HALF.get();
        if (scratch.length < m * n) {
            scratch = new float[m * n];
            DEPTH_HALF.set(scratch);
        }
        float[] upper = scratch;
        // The same cut as the split along M of a product with k rows (the weight gradient): the caller (part 0)
        // keeps the first rows of the weights in its cache, the worker the others.
        int half = split(k, MR, 2, 0)[1];
        int secondA = aOff + (transA ? half * lda : half);
        int secondB = bOff + (transB ? half : half * ldb);
        Workers.run(Math.min(parts, 2), part -> {
            if (part == 0) {
                blocked(transA, transB, 0, m, 0, n, half, a, aOff, lda, b, bOff, ldb, 1, false, c, cOff, ldc,
                        Epilogue.NONE);
            }
            if (part == 1 || parts < 2) {
                blocked(transA, transB, 0, m, 0, n, k - half, a, secondA, lda, b, secondB, ldb, 1, false, upper, 0,
                        n, Epilogue.NONE);
            }
        });
        int chunks = Math.min(parts, (m + MR - 1) / MR);
        Workers.run(chunks, part -> {
            int[] r = split(m, MR, chunks, part);
            for (int i = r[0]; i < r[1]; i++) {
                FloatKernels.same(org.vecnn.spi.BinaryOp.ADD, c, cOff + i * ldc, upper, i * n, c, cOff + i * ldc, n);
            }
            if (r[0] < r[1]) {
                epilogue.finish(r[0], r[1], 0, n);
            }
        });
    }

    /** The narrow product ({@code n <= 2 VL}) over the worker pool, split along M. */
    private static void narrowOnWorkers(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                                        int lda, float[] b, int bOff, int ldb, float alpha, boolean accumulate,
                                        float[] c, int cOff, int ldc, int parts, Epilogue epilogue) {
        int chunks = Math.min(parts, (m + MR - 1) / MR);
        Workers.run(chunks, part -> {
            int[] r = split(m, MR, chunks, part);
            if (r[0] >= r[1]) {
                return;
            }
            // Depth in blocks of NARROW_DEPTH terms, each added to C: the packed panel stays small for any k.
            for (int p0 = 0; p0 < k; p0 += NARROW_DEPTH) {
                int depth = Math.min(NARROW_DEPTH, k - p0);
                int ao = aOff + (transA ? p0 * lda : p0);
                int bo = bOff + (transB ? p0 : p0 * ldb);
                boolean adds = accumulate || p0 > 0;
                if (n <= VL) {
                    narrow(transA, transB, r[0], r[1], n, depth, a, ao, lda, b, bo, ldb, alpha, adds, c, cOff, ldc);
                } else {
                    narrow2(transA, transB, r[0], r[1], n, depth, a, ao, lda, b, bo, ldb, alpha, adds, c, cOff, ldc);
                }
            }
            epilogue.finish(r[0], r[1], 0, n);
        });
    }

    /**
     * Whether {@link #addProduct} runs this product in place (else the caller computes the product and adds it
     * itself): every product above the tiny size.
     */
    static boolean addsInPlace(int m, int n, int k) {
        return m > 0 && k > 0 && (long) m * n * k > TINY;
    }

    /**
     * {@code C += alpha · op(A) · op(B)} in place, BLAS's {@code beta = 1}: each tile of C is updated once per
     * block of {@link #KC} terms as {@code fma(alpha, sum, c)}, so for {@code k <= KC} the result is exactly the
     * product's float sum added by a fused multiply-add, as a product followed by an FMA {@code axpy} gives.
     * Only for {@link #addsInPlace} shapes.
     */
    static void addProduct(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                           int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (!Warmup.ready(Float.BYTES)) {
            FloatScalarGemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, alpha, true, c, cOff, ldc);
            return;
        }
        vectorAddProduct(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                (long) m * n * k < PARALLEL ? 1 : Workers.parallelism());
    }

    /** {@link #addProduct} on the vector kernels on at most {@code parts} threads (the warm-up calls it). */
    static void vectorAddProduct(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
                                 int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                                 int parts) {
        if (n <= 2 * VL) {
            narrowOnWorkers(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, alpha, true, c, cOff, ldc, parts,
                    Epilogue.NONE);
        } else {
            blockedOnWorkers(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, alpha, true, c, cOff, ldc, parts,
                    Epilogue.NONE);
        }
    }

    /**
     * The blocked product over the worker pool. Split along M when {@code n <= m} (the weight gradient 784x128x256,
     * 1024³): when all of B is packed at once, it is packed into the caller's buffer a block of columns at a time
     * by whichever thread needs the block first ({@link PackedB}), each thread starting on a different block, so
     * nothing is packed twice and no thread waits for all of B (there is no barrier between packing and
     * computing). Along N otherwise (and for a narrow B), each thread packing
     * its own columns of B and all of A.
     */
    private static void blockedOnWorkers(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                                         int lda, float[] b, int bOff, int ldb, float alpha, boolean accumulate,
                                         float[] c, int cOff, int ldc, int threads, Epilogue epilogue) {
        int parts = (long) m * n * k < PARALLEL ? 1 : Math.max(1, threads);
        boolean splitM = n <= m || n < 2 * NR;
        int chunks = Math.min(parts, splitM ? (m + MR - 1) / MR : (n + NR - 1) / NR);
        if (chunks > 1 && splitM && packsWhole(n, k)) {
            PackedB packed = new PackedB(transB, b, bOff, ldb, k, n, wholeB(n, k), (m + chunks - 1) / chunks);
            Workers.run(chunks, part -> {
                int[] r = split(m, MR, chunks, part);
                if (r[0] < r[1]) {
                    onPackedB(transA, r[0], r[1], 0, k, a, aOff, lda, packed, packed.blocks * part / chunks, alpha,
                            accumulate, c, cOff, ldc, epilogue);
                }
            });
            return;
        }
        Workers.run(chunks, part -> {
            int[] r = split(splitM ? m : n, splitM ? MR : NR, chunks, part);
            if (r[0] >= r[1]) {
                return;
            }
            if (splitM) {
                blocked(transA, transB, r[0], r[1], 0, n, k, a, aOff, lda, b, bOff, ldb, alpha, accumulate, c, cOff, ldc,
                        epilogue);
            } else {
                blocked(transA, transB, 0, m, r[0], r[1], k, a, aOff, lda, b, bOff, ldb, alpha, accumulate, c, cOff, ldc,
                        epilogue);
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
     * panel, then eight rows at a time with one accumulator each. The sums go through a scratch tile: on JDK 17
     * a masked store is not compiled to a vector instruction but boxes the vector, which costs more than the
     * product.
     */
    static void narrow(boolean transA, boolean transB, int i0, int i1, int n, int k, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float alpha, boolean accumulate, float[] c, int cOff, int ldc) {
        int w = VL;
        float[] bp = narrowPanel(transB, n, k, w, b, bOff, ldb);
        float[] tile = NARROW_TILE.get();
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int i = i0;
        for (; i + 8 <= i1; i += 8) {
            FloatVector c00 = FloatVector.zero(SPECIES);
            FloatVector c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00, c60 = c00, c70 = c00;
            if (!transA) {
                // Row starts computed once: each index is then a base plus the loop counter, and C2 hoists the
                // bounds checks out of the loop (with a variable step it checks all eight every term).
                int a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda,
                        a6 = a5 + lda, a7 = a6 + lda;
                for (int p = 0; p < k; p++) {
                    FloatVector b0 = FloatVector.fromArray(SPECIES, bp, p * w);
                    c00 = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(b0, c00);
                    c10 = FloatVector.broadcast(SPECIES, a[a1 + p]).fma(b0, c10);
                    c20 = FloatVector.broadcast(SPECIES, a[a2 + p]).fma(b0, c20);
                    c30 = FloatVector.broadcast(SPECIES, a[a3 + p]).fma(b0, c30);
                    c40 = FloatVector.broadcast(SPECIES, a[a4 + p]).fma(b0, c40);
                    c50 = FloatVector.broadcast(SPECIES, a[a5 + p]).fma(b0, c50);
                    c60 = FloatVector.broadcast(SPECIES, a[a6 + p]).fma(b0, c60);
                    c70 = FloatVector.broadcast(SPECIES, a[a7 + p]).fma(b0, c70);
                }
            } else {
                // A transposed: the eight values of a term are neighbours, at constant offsets from one index,
                // which C2 checks as a range (its range check smearing), not eight times.
                for (int p = 0; p < k; p++) {
                    FloatVector b0 = FloatVector.fromArray(SPECIES, bp, p * w);
                    int x = aOff + p * lda + i;
                    FloatVector xr = FloatVector.broadcast(SPECIES, a[x]);
                    c00 = xr.fma(b0, c00);
                    xr = FloatVector.broadcast(SPECIES, a[x + 1]);
                    c10 = xr.fma(b0, c10);
                    xr = FloatVector.broadcast(SPECIES, a[x + 2]);
                    c20 = xr.fma(b0, c20);
                    xr = FloatVector.broadcast(SPECIES, a[x + 3]);
                    c30 = xr.fma(b0, c30);
                    xr = FloatVector.broadcast(SPECIES, a[x + 4]);
                    c40 = xr.fma(b0, c40);
                    xr = FloatVector.broadcast(SPECIES, a[x + 5]);
                    c50 = xr.fma(b0, c50);
                    xr = FloatVector.broadcast(SPECIES, a[x + 6]);
                    c60 = xr.fma(b0, c60);
                    xr = FloatVector.broadcast(SPECIES, a[x + 7]);
                    c70 = xr.fma(b0, c70);
                }
            }
            c00.intoArray(tile, 0 * w);
            c10.intoArray(tile, 1 * w);
            c20.intoArray(tile, 2 * w);
            c30.intoArray(tile, 3 * w);
            c40.intoArray(tile, 4 * w);
            c50.intoArray(tile, 5 * w);
            c60.intoArray(tile, 6 * w);
            c70.intoArray(tile, 7 * w);
            narrowStore(tile, w, 8, n, alpha, accumulate, c, cOff + i * ldc, ldc);
        }
        for (; i < i1; i++) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                FloatVector xr = FloatVector.broadcast(SPECIES, a[a0 + p * ap]);
                c0 = xr.fma(FloatVector.fromArray(SPECIES, bp, p * w), c0);
            }
            c0.intoArray(tile, 0);
            narrowStore(tile, w, 1, n, alpha, accumulate, c, cOff + i * ldc, ldc);
        }
    }

    /**
     * Rows {@code [i0, i1)} of a product with {@code VL < n <= 2 VL}: as {@link #narrow}, six rows at a time with
     * two accumulators each.
     */
    static void narrow2(boolean transA, boolean transB, int i0, int i1, int n, int k, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float alpha, boolean accumulate, float[] c, int cOff, int ldc) {
        int w = 2 * VL;
        float[] bp = narrowPanel(transB, n, k, w, b, bOff, ldb);
        float[] tile = NARROW_TILE.get();
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int i = i0;
        for (; i + 6 <= i1; i += 6) {
            FloatVector c00 = FloatVector.zero(SPECIES);
            FloatVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                FloatVector b0 = FloatVector.fromArray(SPECIES, bp, p * w);
                FloatVector b1 = FloatVector.fromArray(SPECIES, bp, p * w + VL);
                int x = a0 + p * ap;
                FloatVector xr = FloatVector.broadcast(SPECIES, a[x]);
                c00 = xr.fma(b0, c00);
                c01 = xr.fma(b1, c01);
                xr = FloatVector.broadcast(SPECIES, a[x + ai]);
                c10 = xr.fma(b0, c10);
                c11 = xr.fma(b1, c11);
                xr = FloatVector.broadcast(SPECIES, a[x + 2 * ai]);
                c20 = xr.fma(b0, c20);
                c21 = xr.fma(b1, c21);
                xr = FloatVector.broadcast(SPECIES, a[x + 3 * ai]);
                c30 = xr.fma(b0, c30);
                c31 = xr.fma(b1, c31);
                xr = FloatVector.broadcast(SPECIES, a[x + 4 * ai]);
                c40 = xr.fma(b0, c40);
                c41 = xr.fma(b1, c41);
                xr = FloatVector.broadcast(SPECIES, a[x + 5 * ai]);
                c50 = xr.fma(b0, c50);
                c51 = xr.fma(b1, c51);
            }
            c00.intoArray(tile, 0 * w);
            c01.intoArray(tile, 0 * w + VL);
            c10.intoArray(tile, 1 * w);
            c11.intoArray(tile, 1 * w + VL);
            c20.intoArray(tile, 2 * w);
            c21.intoArray(tile, 2 * w + VL);
            c30.intoArray(tile, 3 * w);
            c31.intoArray(tile, 3 * w + VL);
            c40.intoArray(tile, 4 * w);
            c41.intoArray(tile, 4 * w + VL);
            c50.intoArray(tile, 5 * w);
            c51.intoArray(tile, 5 * w + VL);
            narrowStore(tile, w, 6, n, alpha, accumulate, c, cOff + i * ldc, ldc);
        }
        for (; i < i1; i++) {
            FloatVector c0 = FloatVector.zero(SPECIES);
            FloatVector c1 = c0;
            int a0 = aOff + i * ai;
            for (int p = 0; p < k; p++) {
                FloatVector xr = FloatVector.broadcast(SPECIES, a[a0 + p * ap]);
                c0 = xr.fma(FloatVector.fromArray(SPECIES, bp, p * w), c0);
                c1 = xr.fma(FloatVector.fromArray(SPECIES, bp, p * w + VL), c1);
            }
            c0.intoArray(tile, 0);
            c1.intoArray(tile, VL);
            narrowStore(tile, w, 1, n, alpha, accumulate, c, cOff + i * ldc, ldc);
        }
    }

    /** {@code op(B)} ({@code k x n}) copied into a zero-padded {@code k x w} panel of this thread. */
    private static float[] narrowPanel(boolean transB, int n, int k, int w, float[] b, int bOff, int ldb) {
        float[] bp = NARROW.get();
        if (bp.length < k * w) {
            bp = new float[k * w];
            NARROW.set(bp);
        }
        int p = 0;
        if (!transB) {
            // A row's n values are the first lanes of a vector loaded whole, while a whole vector lies inside b
            // (rather than an element at a time). The lanes past n hold the
            // next row's values or whatever follows; their sums are never stored, but they are zeroed anyway, so
            // that no NaN or subnormal garbage can slow the multiply-adds.
            VectorMask<Float> last = SPECIES.indexInRange(w - VL, n);
            FloatVector zero = FloatVector.zero(SPECIES);
            for (; p < k && bOff + p * ldb + w <= b.length; p++) {
                int src = bOff + p * ldb;
                if (w > VL) {
                    FloatVector.fromArray(SPECIES, b, src).intoArray(bp, p * w);
                }
                zero.blend(FloatVector.fromArray(SPECIES, b, src + w - VL), last).intoArray(bp, p * w + w - VL);
            }
        }
        for (; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bp[p * w + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
            java.util.Arrays.fill(bp, p * w + n, (p + 1) * w, 0);
        }
        return bp;
    }

    /** The first {@code n} sums of each of {@code rows} scratch rows into C: {@code fma(alpha, sum, C)}, or the sum. */
    private static void narrowStore(float[] tile, int w, int rows, int n, float alpha, boolean accumulate, float[] c,
                                    int co, int ldc) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                float sum = tile[r * w + j];
                c[co + r * ldc + j] = accumulate ? Math.fma(alpha, sum, c[co + r * ldc + j]) : sum;
            }
        }
    }

    /** {@code n} columns rounded up to whole panels of NR. */
    private static int paddedColumns(int n) {
        return (n + NR - 1) / NR * NR;
    }

    /** Whether all of op(B) ({@code k x n}, padded to whole panels) fits {@link #B_WHOLE}. */
    static boolean packsWholeB(int n, int k) {
        return (long) k * paddedColumns(n) <= B_WHOLE;
    }

    /** Whether a block of MC rows of op(A), all its depth {@code k}, fits {@link #A_WHOLE}. */
    static boolean packsWholeA(int k) {
        return (long) MC * k <= A_WHOLE;
    }

    /**
     * Whether a product of depth {@code k} and {@code n} columns runs on all of B packed at once ({@link PackedB})
     * and A's row blocks packed for all their depth ({@link #onPackedB}); else B and A are packed a depth block at
     * a time.
     */
    static boolean packsWhole(int n, int k) {
        return packsWholeB(n, k) && packsWholeA(k);
    }

    /** This thread's buffer for all of a packed B of {@code k x n}. */
    private static float[] wholeB(int n, int k) {
        return SCRATCH.get().packedB(k * paddedColumns(n));
    }

    /** The depth of the blocks a product of depth {@code k} is cut into: equal, at most {@link #KC}. */
    static int depth(int k) {
        // Blocks of equal depth (784 = 4 x 196, not 3 x 256 + 16): a shallow last block costs a pass over C.
        int depthBlocks = (k + KC - 1) / KC;
        return (k + depthBlocks - 1) / depthBlocks;
    }

    /**
     * Columns {@code [p0, p1)} of op(B), whose columns {@code [0, n)} are packed whole: depth block by depth block
     * (at {@code pc * padded}), each a row of NR-column panels. Threads may pack disjoint column ranges at once.
     */
    static void packWholeB(boolean transB, float[] b, int bOff, int ldb, int k, int p0, int p1, int n, float[] bp) {
        int padded = paddedColumns(n);
        int depth = depth(k);
        for (int pc = 0; pc < k; pc += depth) {
            int kc = Math.min(depth, k - pc);
            packB(transB, b, bOff, ldb, pc, kc, p0, p1 - p0, bp, pc * padded + p0 * kc);
        }
    }

    /**
     * Rows {@code [i0, i1)} and columns {@code [j0, j1)} of C, cache-blocked, on this thread. When the product
     * {@link #packsWhole}, C is computed by {@link #onPackedB} against op(B)'s columns packed here a block at a time;
     * otherwise B is packed {@link #NC} columns by a depth block at a time, A a block of MC rows by a depth block
     * at a time, and each block of C is visited once per depth block.
     */
    static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float[] a, int aOff,
                        int lda, float[] b, int bOff, int ldb, float alpha, boolean accumulate, float[] c, int cOff,
                        int ldc, Epilogue epilogue) {
        if (packsWhole(j1 - j0, k)) {
            PackedB packed = new PackedB(transB, b, bOff + (transB ? j0 * ldb : j0), ldb, k, j1 - j0,
                    wholeB(j1 - j0, k), i1 - i0);
            onPackedB(transA, i0, i1, j0, k, a, aOff, lda, packed, 0, alpha, accumulate, c, cOff, ldc, epilogue);
            return;
        }
        Scratch scratch = SCRATCH.get();
        float[] bp = scratch.packedB(KC * NC);
        int depth = depth(k);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp, 0);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    block(transA, ic, mc, jc, nc, pc, kc, a, aOff, lda, scratch, bp, 0, alpha, accumulate, c,
                            cOff, ldc);
                    if (pc + kc == k) {
                        epilogue.finish(ic, ic + mc, jc, jc + nc);
                    }
                }
            }
        }
    }

    /**
     * The columns of a block of C whose row blocks are at most {@code rows} high: C_BLOCK elements, so that a short
     * C (the dense forward step's 128 rows, float64) is one block rather than a block and a narrow remainder.
     */
    static int columnsPerBlock(int rows) {
        return (int) Math.max(NR, C_BLOCK / Math.min(MC, Math.max(rows, MR)) / NR * NR);
    }

    /**
     * All of op(B) ({@code k x n}) packed into panels, a block of {@link #columnsPerBlock} columns at a time by the
     * first thread that needs the block, while the others compute: no thread waits for all of B to be packed
     * (there is no barrier between packing and computing), and a block is in the cache of the thread that
     * packed it when that thread first uses it. A thread that needs a block being packed waits for it; if its
     * packer fails, the waiters fail too, never hang.
     */
    private static final class PackedB {
        private static final int FREE = 0;
        private static final int PACKING = 1;
        private static final int READY = 2;
        private static final int FAILED = 3;
        private final boolean transB;
        private final float[] b;
        private final int bOff;
        private final int ldb;
        private final int k;
        /** Columns of op(B). */
        final int n;
        /** The panels, as {@link #packWholeB} lays them out. */
        final float[] panels;
        /** Columns of a block. */
        final int columns;
        final int blocks;
        private final AtomicIntegerArray state;
        /** What made a packer fail; written before its block's state says FAILED. */
        private volatile Throwable failure;

        /** B to pack into {@code panels}, in blocks for C's row blocks of at most {@code rows} rows. */
        PackedB(boolean transB, float[] b, int bOff, int ldb, int k, int n, float[] panels, int rows) {
            this.transB = transB;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.k = k;
            this.n = n;
            this.panels = panels;
            this.columns = columnsPerBlock(rows);
            this.blocks = (n + columns - 1) / columns;
            this.state = new AtomicIntegerArray(blocks);
        }

        /** Returns once block {@code block}'s panels are packed, having packed them if no thread had started. */
        void await(int block) {
            int now = state.get(block);
            if (now == READY) {
                return;
            }
            if (now == FREE && state.compareAndSet(block, FREE, PACKING)) {
                try {
                    packWholeB(transB, b, bOff, ldb, k, block * columns, Math.min(n, (block + 1) * columns), n, panels);
                    state.set(block, READY);
                } catch (Throwable t) {
                    failure = t;
                    state.set(block, FAILED);
                    throw t;
                }
                return;
            }
            long spinUntil = System.nanoTime() + Workers.SPIN_NANOS;
            while ((now = state.get(block)) == PACKING) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000);
                }
            }
            if (now == FAILED) {
                throw new Workers.SecondaryFailure("packing columns " + block * columns + ".. of B failed on another"
                        + " thread", failure);
            }
        }
    }

    /**
     * Rows {@code [i0, i1)} of C against all the columns of {@code packed}, C's columns starting at {@code j0}, the
     * blocks of columns taken from {@code firstBlock} on (each thread starts with the blocks it is likely to pack).
     * Each block of MC rows of A is packed once, all its depth blocks; then C is visited in blocks of those rows by
     * {@link PackedB#columns}, each kept in cache through all its depth blocks and finished ({@code epilogue}) there: a
     * tall product (60000 x 784 x 256) would otherwise stream C through memory once per depth block. Each tile of
     * C is written without being read on its first depth block. Only for products that {@link #packsWhole}.
     */
    private static void onPackedB(boolean transA, int i0, int i1, int j0, int k, float[] a, int aOff, int lda,
                                  PackedB packed, int firstBlock, float alpha, boolean accumulate, float[] c, int cOff,
                                  int ldc, Epilogue epilogue) {
        Scratch scratch = SCRATCH.get();
        int padded = paddedColumns(packed.n);
        int depth = depth(k);
        float[] ap = scratch.packedA(MC * k);
        for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            int tiled = (mc + MR - 1) / MR * MR;
            for (int pc = 0; pc < k; pc += depth) {
                packA(transA, a, aOff, lda, ic, mc, pc, Math.min(depth, k - pc), ap, pc * tiled, scratch.gather);
            }
            for (int q = 0; q < packed.blocks; q++) {
                int block = (firstBlock + q) % packed.blocks;
                packed.await(block);
                int jb = block * packed.columns;
                int nc = Math.min(packed.columns, packed.n - jb);
                for (int pc = 0; pc < k; pc += depth) {
                    int kc = Math.min(depth, k - pc);
                    multiplyPacked(mc, nc, kc, ap, pc * tiled, packed.panels, pc * padded + jb * kc,
                            pc == 0 && !accumulate, alpha, c, cOff + ic * ldc + j0 + jb, ldc, scratch.edge);
                }
                epilogue.finish(ic, ic + mc, j0 + jb, j0 + jb + nc);
            }
        }
    }

    /**
     * One cache block: rows {@code [ic, ic+mc)}, columns {@code [jc, jc+nc)} of C, terms {@code [pc, pc+kc)},
     * with B's panels for these terms packed from {@code bp[bo]}; A's block is packed here.
     */
    private static void block(boolean transA, int ic, int mc, int jc, int nc, int pc, int kc, float[] a, int aOff,
                              int lda, Scratch scratch, float[] bp, int bo, float alpha, boolean accumulate, float[] c,
                              int cOff, int ldc) {
        float[] ap = scratch.packedA(MC * KC);
        packA(transA, a, aOff, lda, ic, mc, pc, kc, ap, 0, scratch.gather);
        multiplyPacked(mc, nc, kc, ap, 0, bp, bo, pc == 0 && !accumulate, alpha, c, cOff + ic * ldc + jc, ldc,
                scratch.edge);
    }

    /**
     * The tiles of a cache block: C's {@code mc x nc} block at {@code c[co]} += A's packed tiles
     * ({@code ap[ao]}) times B's packed panels ({@code bp[bo]}) over {@code kc} terms, or {@code =} when
     * {@code first} (the first depth block of a product that overwrites C, so {@code alpha == 1}), which stores
     * the sums without reading C. Edge tiles go through {@code edge}, a scratch tile.
     */
    private static void multiplyPacked(int mc, int nc, int kc, float[] ap, int ao, float[] bp, int bo, boolean first,
                                       float alpha, float[] c, int co, int ldc, float[] edge) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int panel = bo + jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int tile = co + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    KERNEL.multiply(kc, ap, ao + ir * kc, bp, panel, alpha, !first, c, tile, ldc);
                } else {
                    KERNEL.multiply(kc, ap, ao + ir * kc, bp, panel, 1, false, edge, 0, NR);
                    for (int r = 0; r < mr; r++) {
                        int row = tile + r * ldc;
                        for (int j = 0; j < nr; j++) {
                            c[row + j] = first ? edge[r * NR + j] : Math.fma(alpha, edge[r * NR + j], c[row + j]);
                        }
                    }
                }
            }
        }
    }

    /**
     * op(B) rows {@code [pc, pc+kc)}, columns {@code [jc, jc+nc)} into panels of NR columns from
     * {@code bp[bpOff]}, zero-padded.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] bp,
                      int bpOff) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = bpOff + jr * kc;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int dst = base + p * NR;
                    if (nr == NR) {
                        for (int v = 0; v < NR; v += VL) {
                            FloatVector.fromArray(SPECIES, b, src + v).intoArray(bp, dst + v);
                        }
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

    /**
     * op(A) rows {@code [i0, i0+rows)}, columns {@code [pc, pc+kc)} into {@code ap} from {@code ap[ao]} as tiles of
     * MR rows, each term-major: row r of term p of tile t at {@code ap[ao + t*MR*kc + p*MR + r]}, the last tile
     * zero-padded. The
     * kernel then reads a tile's broadcasts at constant offsets from one index that grows by MR a term. A transposed
     * A has a tile's values of a term side by side and is copied a vector at a time ({@link #copyTransposedTiles});
     * the rest is gathered a vector at a time ({@code map} is scratch of MR x VL ints).
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int pc, int kc, float[] ap,
                      int ao, int[] map) {
        int rowStep = transA ? 1 : lda;
        int termStep = transA ? lda : 1;
        int t = transA ? copyTransposedTiles(a, aOff + i0 + pc * lda, lda, rows, kc, ap, ao) : 0;
        // A whole tile is VL elements at a time: element e of a tile is row e % MR of term e / MR, so a vector
        // starting at element e holds rows from e % MR on; map[phase * VL + l] is the offset of its lane l from the
        // vector's first term, for each phase (0 only, when MR divides VL; 0, 2, 4 for float64's 6 rows in 8 lanes).
        for (int phase = 0; phase < MR; phase++) {
            for (int l = 0; l < VL; l++) {
                map[phase * VL + l] = (phase + l) / MR * termStep + (phase + l) % MR * rowStep;
            }
        }
        for (; t < rows; t += MR) {
            int tileRows = Math.min(MR, rows - t);
            int base = ao + t * kc;
            int src = aOff + (i0 + t) * rowStep + pc * termStep;
            int e = 0;
            if (tileRows == MR) {
                for (; e + VL <= kc * MR; e += VL) {
                    FloatVector.fromArray(SPECIES, a, src + e / MR * termStep, map, e % MR * VL).intoArray(ap, base + e);
                }
            }
            for (; e < kc * MR; e++) {
                int r = e % MR;
                ap[base + e] = r < tileRows ? a[src + e / MR * termStep + r * rowStep] : 0;
            }
        }
    }

    /**
     * The leading whole tiles of a transposed A ({@code op(A)(r, p) = a[src + p*lda + r]}) packed as
     * {@link #packA} lays them out, with vector loads and stores where a vector holds one or two tiles' values of a
     * term (gathering them costs five times as much); returns the rows done.
     */
    private static int copyTransposedTiles(float[] a, int src, int lda, int rows, int kc, float[] ap, int ao) {
        int t = 0;
        if (VL == MR) {
            for (; t + MR <= rows; t += MR) {
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(SPECIES, a, src + t + p * lda).intoArray(ap, ao + t * kc + p * MR);
                }
            }
        } else if (VL == 2 * MR) {
            // A vector holds term p of tiles t and t+1. Stored at term p of tile t, its upper half lands on term
            // p+1, which the next store overwrites; stored from term p-1 of tile t+1, its lower half lands on term
            // p-1, which the next store (going down) overwrites. The two terms left are copied one by one.
            for (; t + 2 * MR <= rows; t += 2 * MR) {
                int first = ao + t * kc;
                int second = first + MR * kc;
                for (int p = 0; p + 1 < kc; p++) {
                    FloatVector.fromArray(SPECIES, a, src + t + p * lda).intoArray(ap, first + p * MR);
                }
                for (int p = kc - 1; p > 0; p--) {
                    FloatVector.fromArray(SPECIES, a, src + t + p * lda).intoArray(ap, second + (p - 1) * MR);
                }
                for (int r = 0; r < MR; r++) {
                    ap[first + (kc - 1) * MR + r] = a[src + t + (kc - 1) * lda + r];
                    ap[second + r] = a[src + t + MR + r];
                }
            }
        }
        return t;
    }
}
