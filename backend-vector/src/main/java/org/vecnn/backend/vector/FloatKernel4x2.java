package org.vecnn.backend.vector;

import jdk.incubator.vector.FloatVector;

/**
 * The 4 x 2 micro-kernel (see {@link FloatMicroKernel}): 8 accumulators, 2 rows of B, 1 broadcast of A, 11 of
 * AVX2's 16 registers, leaving C2 room for the rest of the loop: with 16 registers it keeps its whole block in
 * registers on every JDK (BLIS's 6 x 2 block, 15 registers, ran at half speed on JDK 25: docs/performance.md).
 */
final class FloatKernel4x2 implements FloatMicroKernel {
    private static final int ROWS = 4;
    private static final int NR = 2 * FloatGemm.VL;

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int vectors() {
        return 2;
    }

    @Override
    public void multiply(int kc, float[] ap, int ao, float[] bp, int bo, float alpha, boolean add, float[] c, int co,
                         int ldc) {
        var species = FloatGemm.SPECIES;
        int vl = FloatGemm.VL;
        FloatVector c00 = FloatVector.zero(species);
        FloatVector c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        // Both indexes are a base plus a constant multiple of p, so C2 checks their bounds once, before the loop.
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * ROWS;
            FloatVector b0 = FloatVector.fromArray(species, bp, bi);
            FloatVector b1 = FloatVector.fromArray(species, bp, bi + vl);
            FloatVector x = FloatVector.broadcast(species, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(species, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(species, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(species, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        if (add) {
            FloatVector av = FloatVector.broadcast(species, alpha);
            c00.fma(av, FloatVector.fromArray(species, c, co)).intoArray(c, co);
            c01.fma(av, FloatVector.fromArray(species, c, co + vl)).intoArray(c, co + vl);
            c10.fma(av, FloatVector.fromArray(species, c, co + ldc)).intoArray(c, co + ldc);
            c11.fma(av, FloatVector.fromArray(species, c, co + ldc + vl)).intoArray(c, co + ldc + vl);
            c20.fma(av, FloatVector.fromArray(species, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.fma(av, FloatVector.fromArray(species, c, co + 2 * ldc + vl)).intoArray(c, co + 2 * ldc + vl);
            c30.fma(av, FloatVector.fromArray(species, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.fma(av, FloatVector.fromArray(species, c, co + 3 * ldc + vl)).intoArray(c, co + 3 * ldc + vl);
        } else {
            c00.intoArray(c, co);
            c01.intoArray(c, co + vl);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + vl);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + vl);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + vl);
        }
    }
}
