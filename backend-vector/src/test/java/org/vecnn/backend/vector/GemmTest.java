package org.vecnn.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The packed GEMM against a triple loop in double precision: every m from 1 to three register blocks, the
 * widths around one vector and one panel, depths around the cache block, both transposes, odd leading
 * dimensions and offsets (with the bytes around C left untouched), both dtypes and both thread counts.
 */
class GemmTest {
    private static final int[] WIDTHS_F = {1, 2, FloatGemm.VL - 1, FloatGemm.VL, FloatGemm.VL + 1, 2 * FloatGemm.VL, 2 * FloatGemm.VL + 1, FloatGemm.NR - 1,
        FloatGemm.NR, FloatGemm.NR + 1, 2 * FloatGemm.NR + 3};
    private static final int[] WIDTHS_D = {1, 2, DoubleGemm.VL - 1, DoubleGemm.VL, DoubleGemm.VL + 1, 2 * DoubleGemm.VL, 2 * DoubleGemm.VL + 1, DoubleGemm.NR - 1,
        DoubleGemm.NR, DoubleGemm.NR + 1, 2 * DoubleGemm.NR + 3};

    /** One product to check: shape, transposes, and the padding of each operand. */
    private static final class Case {
        final int m, n, k;
        final boolean ta, tb;
        final int pad, off;

        Case(int m, int n, int k, boolean ta, boolean tb, int pad, int off) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.ta = ta;
            this.tb = tb;
            this.pad = pad;
            this.off = off;
        }

        @Override
        public String toString() {
            return "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " pad=" + pad + " off=" + off;
        }
    }

    /** Every edge of one element type's blocking: its register block {@code mr}, cache blocks {@code mc x kc}. */
    private static List<Case> cases(int[] widths, int mr, int mc, int kc) {
        int[] depths = {1, 2, 3, 17, kc - 1, kc, kc + 1, 2 * kc + 5};
        List<Case> cases = new ArrayList<>();
        int d = 0;
        for (int t = 0; t < 4; t++) {
            for (int m = 1; m <= 3 * mr + 1; m++) {
                for (int n : widths) {
                    int k = depths[d++ % depths.length];
                    cases.add(new Case(m, n, k, (t & 1) != 0, (t & 2) != 0, (m + n) % 3, (m * n) % 5));
                }
            }
            for (int m : new int[] {mc - 1, mc, mc + mr + 1}) {
                cases.add(new Case(m, widths[9], kc + 3, (t & 1) != 0, (t & 2) != 0, 1, 3));
            }
        }
        return cases;
    }

    private static List<Case> floatCases() {
        return cases(WIDTHS_F, FloatGemm.MR, FloatGemm.MC, FloatGemm.KC);
    }

    private static List<Case> doubleCases() {
        return cases(WIDTHS_D, DoubleGemm.MR, DoubleGemm.MC, DoubleGemm.KC);
    }

    @Test
    void float32MatchesTheTripleLoopOnEveryEdge() {
        SplittableRandom random = new SplittableRandom(1);
        for (Case c : floatCases()) {
            for (int threads : new int[] {1, 2}) {
                checkFloat(c, threads, random);
            }
        }
    }

    @Test
    void float64MatchesTheTripleLoopOnEveryEdge() {
        SplittableRandom random = new SplittableRandom(2);
        for (Case c : doubleCases()) {
            for (int threads : new int[] {1, 2}) {
                checkDouble(c, threads, random);
            }
        }
    }

    @Test
    void rowBlocksOfAPackedForAllTheirDepthServeEveryBlockOfCColumns() {
        // Two row blocks (the second ragged), three depth blocks, C cut into more than two column blocks.
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            Case f = new Case(FloatGemm.MC + FloatGemm.MR + 1, (int) (3 * FloatGemm.C_BLOCK / FloatGemm.MC) + 5,
                    2 * FloatGemm.KC + 5, ta, tb, t % 3, t);
            Case d = new Case(DoubleGemm.MC + DoubleGemm.MR + 1, (int) (3 * DoubleGemm.C_BLOCK / DoubleGemm.MC) + 5,
                    2 * DoubleGemm.KC + 5, ta, tb, t % 3, t);
            assertThat(FloatGemm.packsWholeA(f.k)).isTrue();
            assertThat(DoubleGemm.packsWholeA(d.k)).isTrue();
            for (int threads : new int[] {1, 2}) {
                checkFloat(f, threads, random);
                checkDouble(d, threads, random);
            }
        }
    }

    @Test
    void rowBlocksOfATooDeepToPackWholeArePackedADepthBlockAtATime() {
        // C larger than 2^16 elements, so that the depth is not split in halves (each of which A would fit).
        SplittableRandom random = new SplittableRandom(8);
        for (int t : new int[] {0, 3}) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            // Tall enough for a C of more than 2^16 elements whatever the register block (so the depth is not split).
            int fn = 8 * FloatGemm.NR;
            int dn = 11 * DoubleGemm.NR - 3;
            Case f = new Case(Math.max(FloatGemm.MC + 3, (1 << 16) / fn + 1), fn,
                    (int) (FloatGemm.A_WHOLE / FloatGemm.MC) + 7, ta, tb, 1, t);
            Case d = new Case(Math.max(DoubleGemm.MC + 3, (1 << 16) / dn + 1), dn,
                    (int) (DoubleGemm.A_WHOLE / DoubleGemm.MC) + 7, ta, tb, 2, t);
            assertThat(FloatGemm.packsWholeA(f.k)).isFalse();
            assertThat(DoubleGemm.packsWholeA(d.k)).isFalse();
            assertThat(FloatGemm.splitsDepth(f.m, f.n, f.k)).isFalse();
            assertThat(DoubleGemm.splitsDepth(d.m, d.n, d.k)).isFalse();
            assertThat(FloatGemm.packsWholeB(f.n, f.k)).isTrue();
            assertThat(DoubleGemm.packsWholeB(d.n, d.k)).isTrue();
            for (int threads : new int[] {1, 2}) {
                checkFloat(f, threads, random);
                checkDouble(d, threads, random);
            }
        }
    }

    @Test
    void productsWhoseBIsTooLargeToPackWholeArePackedADepthBlockAtATime() {
        // k x n beyond B_WHOLE for both element types; 2100 columns also span two NC blocks, and 600 x 4000 is
        // deeper than the whole-B budget allows even for a thread's half of the columns.
        int[][] shapes = {{10, 2100, 1100}, {20, 600, 4000}};
        for (int[] s : shapes) {
            assertThat(FloatGemm.packsWholeB(s[1], s[2])).as("%s packs B whole", java.util.Arrays.toString(s)).isFalse();
            assertThat(DoubleGemm.packsWholeB(s[1], s[2])).isFalse();
        }
        assertThat(2100).isGreaterThan(FloatGemm.NC).isGreaterThan(DoubleGemm.NC);
        SplittableRandom random = new SplittableRandom(6);
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                Case c = new Case(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, t % 3, t);
                for (int threads : new int[] {1, 2}) {
                    checkFloat(c, threads, random);
                    checkDouble(c, threads, random);
                }
            }
        }
    }

    @Test
    void float32AddProductAddsAlphaTimesTheProductOnEveryEdge() {
        SplittableRandom random = new SplittableRandom(4);
        float alpha = -0.375f;
        for (Case c : floatCases()) {
            if (!FloatGemm.addsInPlace(c.m, c.n, c.k)) {
                continue;
            }
            int lda = (c.ta ? c.m : c.k) + c.pad, ldb = (c.tb ? c.k : c.n) + c.pad, ldc = c.n + c.pad;
            float[] a = floats(random, c.off + (c.ta ? c.k : c.m) * lda);
            float[] b = floats(random, c.off + (c.tb ? c.n : c.k) * ldb);
            float[] before = floats(random, c.off + c.m * ldc + 3);
            float[] out = before.clone();
            double[] ad = doubles(a);
            double[] bd = doubles(b);
            FloatGemm.addProduct(c.ta, c.tb, c.m, c.n, c.k, alpha, a, c.off, lda, b, c.off, ldb, out, c.off, ldc);
            for (int idx = 0; idx < out.length; idx++) {
                int rel = idx - c.off;
                if (rel < 0 || rel / ldc >= c.m || rel % ldc >= c.n) {
                    assertThat(out[idx]).as(c + ": untouched element " + idx).isEqualTo(before[idx]);
                    continue;
                }
                int i = rel / ldc, j = rel % ldc;
                double[] terms = terms(c.ta, c.tb, i, j, c.k, ad, c.off, lda, bd, c.off, ldb);
                double sum = terms[0], abs = terms[1];
                double expected = before[idx] + alpha * sum;
                // The product's bound scaled by |alpha|, plus one rounding of each partial update of C.
                double bound = 2.0 * (c.k + 1) * 0x1p-24 * Math.abs(alpha) * abs
                        + (c.k / FloatGemm.KC + 2) * 0x1p-24 * (Math.abs(before[idx]) + Math.abs(alpha) * abs);
                assertThat(Math.abs(out[idx] - expected)).as(c + ": C(" + i + "," + j + ")").isLessThanOrEqualTo(bound);
            }
        }
    }

    @Test
    void theEpilogueFinishesEveryElementOnceAfterItsLastTerm() {
        SplittableRandom random = new SplittableRandom(5);
        int[][] shapes = {{300, 200, 300}, {128, 256, 784}, {700, 256, 784}, {200, 10, 700}, {3, 70, 5000}, {130, 40, 20}};
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = floats(random, m * k);
                float[] b = floats(random, k * n);
                float[] want = new float[m * n];
                FloatGemm.gemm(ta, false, m, n, k, a, 0, ta ? m : k, b, 0, n, want, 0, n);
                float[] c = new float[m * n];
                float[] seen = new float[m * n];
                java.util.concurrent.atomic.AtomicIntegerArray visits = new java.util.concurrent.atomic.AtomicIntegerArray(m * n);
                FloatGemm.gemm(ta, false, m, n, k, a, 0, ta ? m : k, b, 0, n, c, 0, n, (r0, r1, c0, c1) -> {
                    for (int i = r0; i < r1; i++) {
                        for (int j = c0; j < c1; j++) {
                            visits.incrementAndGet(i * n + j);
                            seen[i * n + j] = c[i * n + j];
                        }
                    }
                });
                for (int i = 0; i < m * n; i++) {
                    assertThat(visits.get(i)).as("%dx%dx%d transA=%s: visits of element %d", m, n, k, ta, i).isEqualTo(1);
                }
                assertThat(java.util.Arrays.equals(seen, want)).as("%dx%dx%d transA=%s: C when finished", m, n, k, ta).isTrue();
            }
        }
    }

    @Test
    void aBlockOfBThatFailsToPackFailsTheProductOnEveryThreadInsteadOfHanging() {
        // B one element short: packing its last block of columns fails on whichever thread packs it, and the
        // thread that needs the block next must fail too, not wait for it. (The backend validates sizes before
        // it calls the kernels; this is the guard behind that.)
        int m = 300, k = 300;
        int n = 3 * FloatGemm.columnsPerBlock(m) + 7;
        assertThat(FloatGemm.columnsPerBlock(m)).isLessThan(n / 2);
        float[] a = new float[m * k];
        float[] b = new float[k * n - 1];
        for (int threads : new int[] {1, 2}) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int i = 0; i < 20; i++) {
                    assertThatThrownBy(() -> FloatGemm.gemm(false, false, m, n, k, a, 0, k, b, 0, n, new float[m * n], 0, n,
                            threads)).as("the packer's own failure, not a waiter's").isInstanceOf(ArrayIndexOutOfBoundsException.class);
                }
            });
        }
        float[] c = new float[m * n];
        FloatGemm.gemm(false, false, m, n, k, a, 0, k, new float[k * n], 0, n, c, 0, n, 2);
        assertThat(c).containsOnly(0f);
    }

    @Test
    void theScalarPathBeforeTheWarmUpGivesTheVectorKernelsBits() {
        SplittableRandom random = new SplittableRandom(5);
        List<Case> cases = new ArrayList<>(floatCases());
        cases.add(new Case(16, 2 * FloatGemm.NR + 3, 4 * FloatGemm.KC, false, false, 0, 0));    // the depth split
        cases.add(new Case(9, 3, 2 * FloatGemm.NARROW_DEPTH + 5, true, false, 1, 0));          // narrow, deep
        for (Case c : cases) {
            if ((long) c.m * c.n * c.k <= FloatGemm.TINY) {
                continue;
            }
            int aRows = c.ta ? c.k : c.m, aCols = c.ta ? c.m : c.k;
            int bRows = c.tb ? c.n : c.k, bCols = c.tb ? c.k : c.n;
            int lda = aCols + c.pad, ldb = bCols + c.pad, ldc = c.n + c.pad;
            float[] a = floats(random, c.off + aRows * lda);
            float[] b = floats(random, c.off + bRows * ldb);
            float[] start = floats(random, c.off + c.m * ldc);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] vector = start.clone();
                float[] scalar = start.clone();
                float alpha = accumulate ? -0.375f : 1;
                if (accumulate) {
                    FloatGemm.vectorAddProduct(c.ta, c.tb, c.m, c.n, c.k, alpha, a, c.off, lda, b, c.off, ldb, vector,
                            c.off, ldc, 2);
                } else {
                    FloatGemm.vectorGemm(c.ta, c.tb, c.m, c.n, c.k, a, c.off, lda, b, c.off, ldb, vector, c.off, ldc, 2,
                            Epilogue.NONE);
                }
                FloatScalarGemm.gemm(c.ta, c.tb, c.m, c.n, c.k, a, c.off, lda, b, c.off, ldb, alpha, accumulate, scalar,
                        c.off, ldc);
                assertThat(scalar).as("%s accumulate=%s", c, accumulate).containsExactly(vector);
            }
        }
        double[] a = doubles(random, 300 * 40);
        double[] b = doubles(random, 40 * 300);
        double[] vector = new double[300 * 300];
        double[] scalar = new double[300 * 300];
        DoubleGemm.vectorGemm(false, true, 300, 300, 40, a, 0, 40, b, 0, 40, vector, 0, 300, 2, Epilogue.NONE);
        DoubleScalarGemm.gemm(false, true, 300, 300, 40, a, 0, 40, b, 0, 40, 1, false, scalar, 0, 300);
        assertThat(scalar).containsExactly(vector);
    }

    @Test
    void deepNarrowProductsAreSummedInDepthBlocksWithABoundedPanel() {
        SplittableRandom random = new SplittableRandom(11);
        int k = 2 * FloatGemm.NARROW_DEPTH + 37;
        for (int n : new int[] {1, FloatGemm.VL, FloatGemm.VL + 3}) {
            for (int t = 0; t < 4; t++) {
                for (int threads : new int[] {1, 2}) {
                    checkFloat(new Case(37, n, k, (t & 1) != 0, (t & 2) != 0, 1, 2), threads, random);
                }
            }
            checkDouble(new Case(9, Math.min(n, 2 * DoubleGemm.VL), 2 * DoubleGemm.NARROW_DEPTH + 5, false, true, 0, 1),
                    2, random);
        }
        assertThat(FloatGemm.narrowPanelLength()).isLessThanOrEqualTo(FloatGemm.NARROW_DEPTH * 2 * FloatGemm.VL);
    }

    @Test
    void largeProductsSplitOverThreadsGiveTheSingleThreadedBitsInBothSplits() {
        SplittableRandom random = new SplittableRandom(3);
        int[][] shapes = {{300, 200, 300}, {128, 256, 784}, {784, 256, 128}, {100, 700, 90}, {200, 10, 700}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                int m = s[0], n = s[1], k = s[2];
                float[] a = floats(random, m * k);
                float[] b = floats(random, k * n);
                float[] one = new float[m * n];
                float[] two = new float[m * n];
                FloatGemm.gemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, one, 0, n, 1);
                FloatGemm.gemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, two, 0, n, 2);
                assertThat(java.util.Arrays.equals(two, one)).as("%dx%dx%d transA=%s transB=%s", m, n, k, ta, tb).isTrue();
                double[] ad = doubles(random, m * k);
                double[] bd = doubles(random, k * n);
                double[] oned = new double[m * n];
                double[] twod = new double[m * n];
                DoubleGemm.gemm(ta, tb, m, n, k, ad, 0, ta ? m : k, bd, 0, tb ? k : n, oned, 0, n, 1);
                DoubleGemm.gemm(ta, tb, m, n, k, ad, 0, ta ? m : k, bd, 0, tb ? k : n, twod, 0, n, 2);
                assertThat(java.util.Arrays.equals(twod, oned)).isTrue();
                if (m * n * k < 10_000_000) {
                    checkAgainstLoop("float64 " + m + "x" + n + "x" + k, ta, tb, m, n, k, ad, 0, ta ? m : k, bd, 0,
                            tb ? k : n, twod, 0, n, 0x1p-53);
                }
            }
        }
    }

    @Test
    void exactlyZeroProductsArePositiveZeroOnEveryPath() {
        for (int[] s : new int[][] {{3, 3, 3}, {40, 10, 40}, {50, 200, 300}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = new float[m * k];
            java.util.Arrays.fill(a, -0.0f);
            float[] b = new float[k * n];
            java.util.Arrays.fill(b, 1.0f);
            float[] c = new float[m * n];
            java.util.Arrays.fill(c, Float.NaN);
            FloatGemm.gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n);
            for (float v : c) {
                assertThat(Float.floatToRawIntBits(v)).as("%dx%dx%d", m, n, k).isZero();
            }
            double[] ad = new double[m * k];
            java.util.Arrays.fill(ad, -0.0);
            double[] bd = new double[k * n];
            java.util.Arrays.fill(bd, 2.0);
            double[] cd = new double[m * n];
            DoubleGemm.gemm(true, true, m, n, k, ad, 0, m, bd, 0, k, cd, 0, n);
            for (double v : cd) {
                assertThat(Double.doubleToRawLongBits(v)).isZero();
            }
        }
    }

    @Test
    void infinityAndNaNPropagateButPaddingDoesNot() {
        int m = 7, n = 70, k = 300;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        java.util.Arrays.fill(a, 1);
        java.util.Arrays.fill(b, 1);
        a[2 * k + 5] = Float.POSITIVE_INFINITY;
        b[7 * n + 3] = Float.NaN;
        float[] c = new float[m * n];
        FloatGemm.gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = c[i * n + j];
                if (j == 3) {
                    assertThat(v).isNaN();
                } else if (i == 2) {
                    assertThat(v).isEqualTo(Float.POSITIVE_INFINITY);
                } else {
                    assertThat(v).isEqualTo(k);
                }
            }
        }
    }

    @Test
    void narrowProductsIgnoreWhatLiesPastEachRowOfB() {
        // B's rows are copied a whole vector at a time, reading past the row into its padding (NaN here) and the
        // next row; those lanes must not reach C. Small integers, so every sum is exact.
        int m = 40, k = 50;
        assertThat(FloatGemm.addsInPlace(m, 3, k)).as("above the tiny size").isTrue();
        for (int n : new int[] {3, FloatGemm.VL - 1, FloatGemm.VL, FloatGemm.VL + 3, 2 * FloatGemm.VL}) {
            int ldb = n + 7;
            float[] a = new float[m * k];
            float[] b = new float[k * ldb];
            double[] ad = new double[m * k];
            double[] bd = new double[k * ldb];
            java.util.Arrays.fill(b, Float.NaN);
            java.util.Arrays.fill(bd, Double.NaN);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (ad[i] = i % 7 - 3);
            }
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    b[p * ldb + j] = (float) (bd[p * ldb + j] = (p + j) % 5 - 2);
                }
            }
            float[] c = new float[m * n];
            double[] cd = new double[m * n];
            FloatGemm.gemm(false, false, m, n, k, a, 0, k, b, 0, ldb, c, 0, n, 1);
            DoubleGemm.gemm(false, false, m, n, k, ad, 0, k, bd, 0, ldb, cd, 0, n, 1);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double want = 0;
                    for (int p = 0; p < k; p++) {
                        want += ad[i * k + p] * bd[p * ldb + j];
                    }
                    assertThat(c[i * n + j]).as("float32 n=%d C(%d,%d)", n, i, j).isEqualTo((float) want);
                    assertThat(cd[i * n + j]).as("float64 n=%d C(%d,%d)", n, i, j).isEqualTo(want);
                }
            }
        }
    }

    private static void checkFloat(Case c, int threads, SplittableRandom random) {
        int aRows = c.ta ? c.k : c.m, aCols = c.ta ? c.m : c.k;
        int bRows = c.tb ? c.n : c.k, bCols = c.tb ? c.k : c.n;
        int lda = aCols + c.pad, ldb = bCols + c.pad, ldc = c.n + c.pad;
        float[] a = floats(random, c.off + aRows * lda);
        float[] b = floats(random, c.off + bRows * ldb);
        float[] out = new float[c.off + c.m * ldc + 3];
        java.util.Arrays.fill(out, 42.0f);
        FloatGemm.gemm(c.ta, c.tb, c.m, c.n, c.k, a, c.off, lda, b, c.off, ldb, out, c.off, ldc, threads);
        checkAgainstLoop("float32 " + c + " threads=" + threads, c.ta, c.tb, c.m, c.n, c.k, doubles(a), c.off, lda,
                doubles(b), c.off, ldb, doubles(out), c.off, ldc, 0x1p-24);
    }

    private static void checkDouble(Case c, int threads, SplittableRandom random) {
        int aRows = c.ta ? c.k : c.m, aCols = c.ta ? c.m : c.k;
        int bRows = c.tb ? c.n : c.k, bCols = c.tb ? c.k : c.n;
        int lda = aCols + c.pad, ldb = bCols + c.pad, ldc = c.n + c.pad;
        double[] a = doubles(random, c.off + aRows * lda);
        double[] b = doubles(random, c.off + bRows * ldb);
        double[] out = new double[c.off + c.m * ldc + 3];
        java.util.Arrays.fill(out, 42.0);
        DoubleGemm.gemm(c.ta, c.tb, c.m, c.n, c.k, a, c.off, lda, b, c.off, ldb, out, c.off, ldc, threads);
        checkAgainstLoop("float64 " + c + " threads=" + threads, c.ta, c.tb, c.m, c.n, c.k, a, c.off, lda, b, c.off,
                ldb, out, c.off, ldc, 0x1p-53);
    }

    /** Every element of C within the sum-of-terms bound of the double loop, and everything else still 42. */
    private static void checkAgainstLoop(String what, boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff,
                                         int lda, double[] b, int bOff, int ldb, double[] out, int cOff, int ldc,
                                         double u) {
        for (int idx = 0; idx < out.length; idx++) {
            int rel = idx - cOff;
            boolean inC = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inC) {
                assertThat(out[idx]).as(what + ": untouched element " + idx).isEqualTo(42.0);
                continue;
            }
            int i = rel / ldc, j = rel % ldc;
            double[] terms = terms(ta, tb, i, j, k, a, aOff, lda, b, bOff, ldb);
            double sum = terms[0], abs = terms[1];
            assertThat(Math.abs(out[idx] - sum)).as(what + ": C(" + i + "," + j + ")")
                    .isLessThanOrEqualTo(2.0 * (k + 1) * u * abs);
        }
    }

    /** C(i, j) of the product in double, and the sum of its terms' magnitudes. */
    private static double[] terms(boolean ta, boolean tb, int i, int j, int k, double[] a, int aOff, int lda,
                                  double[] b, int bOff, int ldb) {
        double sum = 0, abs = 0;
        for (int p = 0; p < k; p++) {
            double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
            double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            sum += x * y;
            abs += Math.abs(x * y);
        }
        return new double[] {sum, abs};
    }

    private static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    private static float[] floats(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }

    private static double[] doubles(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }
}
