package org.vecnn.backend.vector;

/**
 * A float32 micro-kernel: {@code C[0..rows, 0..vectors*VL) = fma(alpha, A · Bp, C)} over {@code kc} terms, or
 * {@code A · Bp} when not {@code add} (C is then only written), A a packed tile of {@link #rows()} rows
 * ({@code ap[ao + p*rows + r]}), Bp a packed panel of {@code vectors * VL} columns ({@code bp[bo + p*NR + j]}).
 * The accumulators start from {@code +0.0}, so a sum is never {@code -0.0}. Each implementation keeps its whole
 * register block in vector registers for one register file; {@link VectorMachine#kernel} chooses one at start-up.
 */
interface FloatMicroKernel {
    /** Rows of A a call multiplies. */
    int rows();

    /** Columns of B a call multiplies, in vectors. */
    int vectors();

    /** One tile of C over {@code kc} terms; {@code ldc} is C's row stride. */
    void multiply(int kc, float[] ap, int ao, float[] bp, int bo, float alpha, boolean add, float[] c, int co, int ldc);

    /** The kernel called {@code name} ({@code 8x2}, {@code 6x4}, {@code 4x2}: rows x vectors). */
    static FloatMicroKernel named(String name) {
        return switch (name) {
            case "8x2" -> new FloatKernel8x2();
            case "6x4" -> new FloatKernel6x4();
            case "4x2" -> new FloatKernel4x2();
            default -> throw new IllegalArgumentException(VectorMachine.KERNEL_PROPERTY + "=" + name
                    + ": no such micro-kernel; there are 8x2, 6x4 and 4x2 (rows x vectors)");
        };
    }
}
