package org.vecnn.backend.vector;

import jdk.incubator.vector.FloatVector;

/**
 * The 6 x 4 micro-kernel (see {@link FloatMicroKernel}): 24 accumulators, 4 rows of B, 1 broadcast of A, 29 of
 * AVX-512's 32 registers: four loads of B a term for six broadcasts. Chosen for float64 (8 x 2 for float32) there.
 */
final class FloatKernel6x4 implements FloatMicroKernel {
    private static final int ROWS = 6;
    private static final int NR = 4 * FloatGemm.VL;

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int vectors() {
        return 4;
    }

    @Override
    public void multiply(int kc, float[] ap, int ao, float[] bp, int bo, float alpha, boolean add, float[] c, int co,
                         int ldc) {
        var species = FloatGemm.SPECIES;
        int vl = FloatGemm.VL;
        FloatVector c00 = FloatVector.zero(species);
        FloatVector c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        // Both indexes are a base plus a constant multiple of p, so C2 checks their bounds once, before the loop.
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * ROWS;
            FloatVector b0 = FloatVector.fromArray(species, bp, bi);
            FloatVector b1 = FloatVector.fromArray(species, bp, bi + vl);
            FloatVector b2 = FloatVector.fromArray(species, bp, bi + 2 * vl);
            FloatVector b3 = FloatVector.fromArray(species, bp, bi + 3 * vl);
            FloatVector x = FloatVector.broadcast(species, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(species, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(species, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(species, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(species, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(species, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        if (add) {
            FloatVector av = FloatVector.broadcast(species, alpha);
            c00.fma(av, FloatVector.fromArray(species, c, co)).intoArray(c, co);
            c01.fma(av, FloatVector.fromArray(species, c, co + vl)).intoArray(c, co + vl);
            c02.fma(av, FloatVector.fromArray(species, c, co + 2 * vl)).intoArray(c, co + 2 * vl);
            c03.fma(av, FloatVector.fromArray(species, c, co + 3 * vl)).intoArray(c, co + 3 * vl);
            c10.fma(av, FloatVector.fromArray(species, c, co + ldc)).intoArray(c, co + ldc);
            c11.fma(av, FloatVector.fromArray(species, c, co + ldc + vl)).intoArray(c, co + ldc + vl);
            c12.fma(av, FloatVector.fromArray(species, c, co + ldc + 2 * vl)).intoArray(c, co + ldc + 2 * vl);
            c13.fma(av, FloatVector.fromArray(species, c, co + ldc + 3 * vl)).intoArray(c, co + ldc + 3 * vl);
            c20.fma(av, FloatVector.fromArray(species, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.fma(av, FloatVector.fromArray(species, c, co + 2 * ldc + vl)).intoArray(c, co + 2 * ldc + vl);
            c22.fma(av, FloatVector.fromArray(species, c, co + 2 * ldc + 2 * vl)).intoArray(c, co + 2 * ldc + 2 * vl);
            c23.fma(av, FloatVector.fromArray(species, c, co + 2 * ldc + 3 * vl)).intoArray(c, co + 2 * ldc + 3 * vl);
            c30.fma(av, FloatVector.fromArray(species, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.fma(av, FloatVector.fromArray(species, c, co + 3 * ldc + vl)).intoArray(c, co + 3 * ldc + vl);
            c32.fma(av, FloatVector.fromArray(species, c, co + 3 * ldc + 2 * vl)).intoArray(c, co + 3 * ldc + 2 * vl);
            c33.fma(av, FloatVector.fromArray(species, c, co + 3 * ldc + 3 * vl)).intoArray(c, co + 3 * ldc + 3 * vl);
            c40.fma(av, FloatVector.fromArray(species, c, co + 4 * ldc)).intoArray(c, co + 4 * ldc);
            c41.fma(av, FloatVector.fromArray(species, c, co + 4 * ldc + vl)).intoArray(c, co + 4 * ldc + vl);
            c42.fma(av, FloatVector.fromArray(species, c, co + 4 * ldc + 2 * vl)).intoArray(c, co + 4 * ldc + 2 * vl);
            c43.fma(av, FloatVector.fromArray(species, c, co + 4 * ldc + 3 * vl)).intoArray(c, co + 4 * ldc + 3 * vl);
            c50.fma(av, FloatVector.fromArray(species, c, co + 5 * ldc)).intoArray(c, co + 5 * ldc);
            c51.fma(av, FloatVector.fromArray(species, c, co + 5 * ldc + vl)).intoArray(c, co + 5 * ldc + vl);
            c52.fma(av, FloatVector.fromArray(species, c, co + 5 * ldc + 2 * vl)).intoArray(c, co + 5 * ldc + 2 * vl);
            c53.fma(av, FloatVector.fromArray(species, c, co + 5 * ldc + 3 * vl)).intoArray(c, co + 5 * ldc + 3 * vl);
        } else {
            c00.intoArray(c, co);
            c01.intoArray(c, co + vl);
            c02.intoArray(c, co + 2 * vl);
            c03.intoArray(c, co + 3 * vl);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + vl);
            c12.intoArray(c, co + ldc + 2 * vl);
            c13.intoArray(c, co + ldc + 3 * vl);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + vl);
            c22.intoArray(c, co + 2 * ldc + 2 * vl);
            c23.intoArray(c, co + 2 * ldc + 3 * vl);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + vl);
            c32.intoArray(c, co + 3 * ldc + 2 * vl);
            c33.intoArray(c, co + 3 * ldc + 3 * vl);
            c40.intoArray(c, co + 4 * ldc);
            c41.intoArray(c, co + 4 * ldc + vl);
            c42.intoArray(c, co + 4 * ldc + 2 * vl);
            c43.intoArray(c, co + 4 * ldc + 3 * vl);
            c50.intoArray(c, co + 5 * ldc);
            c51.intoArray(c, co + 5 * ldc + vl);
            c52.intoArray(c, co + 5 * ldc + 2 * vl);
            c53.intoArray(c, co + 5 * ldc + 3 * vl);
        }
    }
}
