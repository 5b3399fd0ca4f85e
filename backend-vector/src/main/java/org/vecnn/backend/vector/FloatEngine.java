package org.vecnn.backend.vector;

import static org.vecnn.spi.HeapStorage.floats;

import java.util.Arrays;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.Storage;

/**
 * The float32 {@link Engine}: heap storages' {@code float[]} handed to {@link FloatGemm} and {@link FloatKernels}.
 * The template of {@code DoubleEngine} (float64-twins.txt); no computation here.
 */
final class FloatEngine implements Engine {
    static final FloatEngine INSTANCE = new FloatEngine();

    private FloatEngine() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Storage a, int aOff, int lda, Storage b,
            int bOff, int ldb, Storage c, int cOff, int ldc) {
        FloatGemm.gemm(transA, transB, m, n, k, floats(a), aOff, lda, floats(b), bOff, ldb, floats(c), cOff, ldc);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Storage a, int aOff, int lda, Storage b,
            int bOff, int ldb, Storage c, int cOff, int ldc, Epilogue epilogue) {
        FloatGemm.gemm(transA, transB, m, n, k, floats(a), aOff, lda, floats(b), bOff, ldb, floats(c), cOff, ldc,
                epilogue);
    }

    @Override
    public boolean addsInPlace(int m, int n, int k) {
        return FloatGemm.addsInPlace(m, n, k);
    }

    @Override
    public void addProduct(boolean transA, boolean transB, int m, int n, int k, double alpha, Storage a, int aOff,
            int lda, Storage b, int bOff, int ldb, Storage c, int cOff, int ldc) {
        FloatGemm.addProduct(transA, transB, m, n, k, narrow(alpha), floats(a), aOff, lda, floats(b), bOff, ldb,
                floats(c), cOff, ldc);
    }

    @Override
    public void gemv(Storage a, int m, int k, Storage b, Storage out) {
        FloatKernels.gemv(floats(a), m, k, floats(b), floats(out));
    }

    @Override
    public void binary(BinaryOp op, Storage a, int aOff, int aStep, Storage b, int bOff, int bStep, Storage c,
            int cOff, int n) {
        FloatKernels.binary(op, floats(a), aOff, aStep, floats(b), bOff, bStep, floats(c), cOff, n);
    }

    @Override
    public void scale(double alpha, Storage a, int aOff, Storage c, int cOff, int n) {
        FloatKernels.scale(narrow(alpha), floats(a), aOff, floats(c), cOff, n);
    }

    @Override
    public void axpy(double alpha, Storage x, int xOff, Storage y, int yOff, int n) {
        FloatKernels.axpy(narrow(alpha), floats(x), xOff, floats(y), yOff, n);
    }

    @Override
    public void map(Fn fn, double parameter, Storage a, int aOff, Storage c, int cOff, int n) {
        FloatKernels.map(fn, parameter, floats(a), aOff, floats(c), cOff, n);
    }

    @Override
    public void activationBackward(Fn fn, double parameter, Storage gradient, int gradientOff, Storage z, int zOff,
            Storage out, int outOff, int n) {
        FloatKernels.activationBackward(fn, parameter, floats(gradient), gradientOff, floats(z), zOff, floats(out),
                outOff, n);
    }

    @Override
    public double softmaxCrossEntropy(Storage logits, Storage targets, Storage probabilities, Storage gradient,
            int rows, int columns) {
        return FloatKernels.softmaxCrossEntropy(floats(logits), floats(targets), floats(probabilities),
                floats(gradient), rows, columns);
    }

    @Override
    public void sum(Storage a, int outer, int length, int inner, Storage out) {
        FloatKernels.sum(floats(a), outer, length, inner, floats(out));
    }

    @Override
    public void max(Storage a, int outer, int length, int inner, Storage out) {
        FloatKernels.max(floats(a), outer, length, inner, floats(out));
    }

    @Override
    public int[] argmax(Storage a, int outer, int length, int inner) {
        return FloatKernels.argmax(floats(a), outer, length, inner);
    }

    @Override
    public void transpose(Storage a, int aOff, int rows, int columns, Storage out, int outOff) {
        FloatKernels.transpose(floats(a), aOff, rows, columns, floats(out), outOff);
    }

    @Override
    public void copy(Storage src, Storage dst) {
        System.arraycopy(floats(src), 0, floats(dst), 0, src.size());
    }

    @Override
    public void fill(double value, Storage dst) {
        Arrays.fill(floats(dst), narrow(value));
    }

    /** {@code value} rounded to this engine's element type. */
    private static float narrow(double value) {
        return (float) value;
    }
}
