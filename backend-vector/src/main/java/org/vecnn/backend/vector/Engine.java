package org.vecnn.backend.vector;

import org.vecnn.DType;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.Storage;

/**
 * The kernels of one dtype, on heap storages' arrays: {@link FloatEngine} for float32 and its generated twin
 * {@code DoubleEngine} for float64. {@link VectorBackend} picks one per call with {@link #of} and never tests
 * the dtype again. Arguments are validated by vecnn's front end; offsets and lengths are in elements.
 */
interface Engine {

    /** The engine of {@code s}'s dtype. */
    static Engine of(Storage s) {
        return s.dtype() == DType.FLOAT32 ? FloatEngine.INSTANCE : DoubleEngine.INSTANCE;
    }

    /** {@code c = op(a) · op(b)} for an {@code m x k} by {@code k x n} product, row-major with leading dimensions. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, Storage a, int aOff, int lda, Storage b, int bOff,
            int ldb, Storage c, int cOff, int ldc);

    /** {@link #gemm}, then {@code epilogue} on each block of C by the thread that computed it. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, Storage a, int aOff, int lda, Storage b, int bOff,
            int ldb, Storage c, int cOff, int ldc, Epilogue epilogue);

    /** Whether {@link #addProduct} runs in the blocked kernel for this shape. */
    boolean addsInPlace(int m, int n, int k);

    /** {@code c += alpha · op(a) · op(b)}; only for {@link #addsInPlace} shapes. */
    void addProduct(boolean transA, boolean transB, int m, int n, int k, double alpha, Storage a, int aOff, int lda,
            Storage b, int bOff, int ldb, Storage c, int cOff, int ldc);

    /** {@code out = a · b} for an {@code m x k} matrix and a vector of {@code k}. */
    void gemv(Storage a, int m, int k, Storage b, Storage out);

    /** {@code c[cOff + i] = a[aOff + i·aStep] op b[bOff + i·bStep]} for {@code i < n}. */
    void binary(BinaryOp op, Storage a, int aOff, int aStep, Storage b, int bOff, int bStep, Storage c, int cOff, int n);

    /** {@code c = alpha · a} over {@code n} elements. */
    void scale(double alpha, Storage a, int aOff, Storage c, int cOff, int n);

    /** {@code y += alpha · x} over {@code n} elements. */
    void axpy(double alpha, Storage x, int xOff, Storage y, int yOff, int n);

    /** {@code c = fn(a)} over {@code n} elements. */
    void map(Fn fn, double parameter, Storage a, int aOff, Storage c, int cOff, int n);

    /** {@code out = fn'(z) · gradient} over {@code n} elements. */
    void activationBackward(Fn fn, double parameter, Storage gradient, int gradientOff, Storage z, int zOff,
            Storage out, int outOff, int n);

    /** Softmax of each row of {@code logits} into {@code probabilities}, its gradient, and the mean loss. */
    double softmaxCrossEntropy(Storage logits, Storage targets, Storage probabilities, Storage gradient, int rows,
            int columns);

    /** Sums along the middle axis of an {@code outer x length x inner} layout. */
    void sum(Storage a, int outer, int length, int inner, Storage out);

    /** Maxima along the middle axis of an {@code outer x length x inner} layout. */
    void max(Storage a, int outer, int length, int inner, Storage out);

    /** Indices of the maxima along the middle axis of an {@code outer x length x inner} layout. */
    int[] argmax(Storage a, int outer, int length, int inner);

    /** The {@code rows x columns} matrix at {@code aOff} transposed into {@code out} at {@code outOff}. */
    void transpose(Storage a, int aOff, int rows, int columns, Storage out, int outOff);

    /** Every element of {@code src} into {@code dst}. */
    void copy(Storage src, Storage dst);

    /** Every element of {@code dst} set to {@code value} rounded to the dtype. */
    void fill(double value, Storage dst);
}
