package org.vecnn.backend.vector;

import org.vecnn.spi.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 elementwise, broadcast, unary, reduction and fused dense-layer kernels on row-major arrays.
 * Elementwise results are bit-exact (one IEEE operation per element, {@code -0.0} and NaN kept); sums may
 * reorder their terms and {@link #axpy} fuses its multiply-add, as the tolerances allow. Template of
 * {@code DoubleKernels}, which the build generates by renaming {@code Float}/{@code float}.
 */
final class FloatKernels {
    private static final VectorSpecies<Float> S = FloatGemm.SPECIES;
    private static final int VL = S.length();

    private FloatKernels() {
    }

    /**
     * Whether the elementwise kernels run their scalar loops only: before the warm-up has compiled the vector
     * kernels ({@link Warmup}). An uncompiled Vector API works a lane at a time through boxed vectors, and its first
     * operations link call sites, both far slower than the scalar loop, which gives the same bits.
     */
    private static boolean cold() {
        return !Warmup.ready(Float.BYTES);
    }

    // ---------------------------------------------------------------- binary, broadcast

    /**
     * {@code c[cOff+i] = a[aOff+i*aStride] op b[bOff+i*bStride]} for {@code i < n}; each stride is 0 (a scalar
     * repeated) or 1. {@code c} may be {@code a} or {@code b}.
     */
    static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride, float[] c,
                       int cOff, int n) {
        if (aStride == 1 && bStride == 1) {
            same(op, a, aOff, b, bOff, c, cOff, n);
        } else if (aStride == 1) {
            scalarRight(op, a, aOff, b[bOff], c, cOff, n);
        } else if (bStride == 1) {
            scalarLeft(op, a[aOff], b, bOff, c, cOff, n);
        } else {
            java.util.Arrays.fill(c, cOff, cOff + n, scalar(op, a[aOff], b[bOff]));
        }
    }

    /**
     * Broadcast row by row: row {@code r} of {@code c} (length {@code rowLength}, rows consecutive) combines
     * {@code a} from {@code aStarts[r]} with step {@code aStride} (0 or 1), and {@code b} likewise.
     */
    static void rows(BinaryOp op, float[] a, int[] aStarts, int aStride, float[] b, int[] bStarts, int bStride,
                     float[] c, int rowLength) {
        for (int r = 0; r < aStarts.length; r++) {
            binary(op, a, aStarts[r], aStride, b, bStarts[r], bStride, c, r * rowLength, rowLength);
        }
    }

    /** {@code c = a op b}, same shape. */
    static void same(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int n) {
        if (cold()) {
            for (int i = 0; i < n; i++) {
                c[cOff + i] = scalar(op, a[aOff + i], b[bOff + i]);
            }
            return;
        }
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case ADD:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
                break;
            case SUBTRACT:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
                break;
            case MULTIPLY:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
                break;
            default:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).div(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
        }
        for (; i < n; i++) {
            c[cOff + i] = scalar(op, a[aOff + i], b[bOff + i]);
        }
    }

    /** {@code c = a op y}. */
    static void scalarRight(BinaryOp op, float[] a, int aOff, float y, float[] c, int cOff, int n) {
        if (cold()) {
            for (int i = 0; i < n; i++) {
                c[cOff + i] = scalar(op, a[aOff + i], y);
            }
            return;
        }
        FloatVector yv = FloatVector.broadcast(S, y);
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case ADD:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).add(yv).intoArray(c, cOff + i);
                }
                break;
            case SUBTRACT:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).sub(yv).intoArray(c, cOff + i);
                }
                break;
            case MULTIPLY:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).mul(yv).intoArray(c, cOff + i);
                }
                break;
            default:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).div(yv).intoArray(c, cOff + i);
                }
        }
        for (; i < n; i++) {
            c[cOff + i] = scalar(op, a[aOff + i], y);
        }
    }

    /** {@code c = x op b}. */
    static void scalarLeft(BinaryOp op, float x, float[] b, int bOff, float[] c, int cOff, int n) {
        if (cold()) {
            for (int i = 0; i < n; i++) {
                c[cOff + i] = scalar(op, x, b[bOff + i]);
            }
            return;
        }
        FloatVector xv = FloatVector.broadcast(S, x);
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case ADD:
                for (; i < bound; i += VL) {
                    xv.add(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
                break;
            case SUBTRACT:
                for (; i < bound; i += VL) {
                    xv.sub(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
                break;
            case MULTIPLY:
                for (; i < bound; i += VL) {
                    xv.mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
                break;
            default:
                for (; i < bound; i += VL) {
                    xv.div(FloatVector.fromArray(S, b, bOff + i)).intoArray(c, cOff + i);
                }
        }
        for (; i < n; i++) {
            c[cOff + i] = scalar(op, x, b[bOff + i]);
        }
    }

    private static float scalar(BinaryOp op, float x, float y) {
        switch (op) {
            case ADD: return x + y;
            case SUBTRACT: return x - y;
            case MULTIPLY: return x * y;
            default: return x / y;
        }
    }

    /** {@code c = alpha · a}. */
    static void scale(float alpha, float[] a, int aOff, float[] c, int cOff, int n) {
        scalarLeft(BinaryOp.MULTIPLY, alpha, a, aOff, c, cOff, n);
    }

    /** {@code y += alpha · x}, with a fused multiply-add. */
    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (cold()) {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
            }
            return;
        }
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += VL) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    // ---------------------------------------------------------------- unary maps

    /** {@code c = fn(a)} elementwise, exactly {@link Fn#apply} rounded once; {@code c} may be {@code a}. */
    static void map(Fn fn, double param, float[] a, int aOff, float[] c, int cOff, int n) {
        if (cold()) {
            float p = (float) param;
            for (int i = 0; i < n; i++) {
                c[cOff + i] = (float) fn.apply(a[aOff + i], p);
            }
            return;
        }
        float p = (float) param;
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1);
        FloatVector pv = FloatVector.broadcast(S, p);
        int i = 0;
        int bound = S.loopBound(n);
        switch (fn) {
            case IDENTITY:
                System.arraycopy(a, aOff, c, cOff, n);
                return;
            case NEGATE:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).neg().intoArray(c, cOff + i);
                }
                break;
            case ABS:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).abs().intoArray(c, cOff + i);
                }
                break;
            case SQUARE:
                for (; i < bound; i += VL) {
                    FloatVector x = FloatVector.fromArray(S, a, aOff + i);
                    x.mul(x).intoArray(c, cOff + i);
                }
                break;
            case SQRT:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).lanewise(VectorOperators.SQRT).intoArray(c, cOff + i);
                }
                break;
            case EXP:
                for (; i < bound; i += VL) {
                    FloatVector.fromArray(S, a, aOff + i).lanewise(VectorOperators.EXP).intoArray(c, cOff + i);
                }
                break;
            case RELU:
                for (; i < bound; i += VL) {
                    FloatVector x = FloatVector.fromArray(S, a, aOff + i);
                    x.blend(zero, x.compare(VectorOperators.LE, zero)).intoArray(c, cOff + i);
                }
                break;
            case LEAKY_RELU:
                for (; i < bound; i += VL) {
                    FloatVector x = FloatVector.fromArray(S, a, aOff + i);
                    x.blend(x.mul(pv), x.compare(VectorOperators.LE, zero)).intoArray(c, cOff + i);
                }
                break;
            case RELU_DERIVATIVE:
            case LEAKY_RELU_DERIVATIVE: {
                FloatVector low = fn == Fn.RELU_DERIVATIVE ? zero : pv;
                for (; i < bound; i += VL) {
                    FloatVector x = FloatVector.fromArray(S, a, aOff + i);
                    VectorMask<Float> nan = x.test(VectorOperators.IS_NAN);
                    low.blend(one, x.compare(VectorOperators.GT, zero)).blend(x, nan).intoArray(c, cOff + i);
                }
                break;
            }
            default:
                break;
        }
        for (; i < n; i++) {
            c[cOff + i] = (float) fn.apply(a[aOff + i], p);
        }
    }

    // ---------------------------------------------------------------- the output layer's fused step

    private static final ThreadLocal<float[]> ROW_MAXIMA = ThreadLocal.withInitial(() -> new float[256]);

    /**
     * Softmax cross-entropy over {@code rows x cols} logits {@code z} with targets {@code y}: the row-shifted
     * logits into {@code p}, one vector pass of the exponential over the whole of {@code p} (rows of a few
     * classes are narrower than a vector), then per row the sum, the probabilities, the gradient
     * {@code (p - y) / rows} into {@code g}, and the row's loss. Returns the mean loss, summed in double.
     */
    static double softmaxCrossEntropy(float[] z, float[] y, float[] p, float[] g, int rows, int cols) {
        float[] maxima = ROW_MAXIMA.get();
        if (maxima.length < rows) {
            maxima = new float[rows];
            ROW_MAXIMA.set(maxima);
        }
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                float v = z[row + j];
                max = v > max || v != v ? v : max;
            }
            maxima[r] = max;
            for (int j = 0; j < cols; j++) {
                p[row + j] = z[row + j] - max;
            }
        }
        map(Fn.EXP, 0, p, 0, p, 0, rows * cols);
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            float sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += p[row + j];
            }
            float logSum = (float) Math.log(sum);
            for (int j = 0; j < cols; j++) {
                float probability = p[row + j] / sum;
                float target = y[row + j];
                if (target != 0) {
                    loss -= target * ((z[row + j] - maxima[r]) - logSum);
                }
                p[row + j] = probability;
                g[row + j] = (probability - target) / rows;
            }
        }
        return loss / rows;
    }

    // ---------------------------------------------------------------- reductions

    /** Sums along the middle axis of {@code a} seen as {@code outer x length x inner} into {@code out} ({@code outer x inner}). */
    static void sum(float[] a, int outer, int length, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                out[o] = sumOf(a, o * length, length);
            } else {
                columnSums(a, o * length * inner, length, inner, out, o * inner);
            }
        }
    }

    /** The sum of {@code a[off..off+n)}, from {@code +0.0}. */
    static float sumOf(float[] a, int off, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += VL) {
            acc = acc.add(FloatVector.fromArray(S, a, off + i));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[off + i];
        }
        return sum;
    }

    /** {@code out[outOff + j] = Σ_r a[aOff + r*cols + j]}: the column sums (the bias gradient), from {@code +0.0}. */
    static void columnSums(float[] a, int aOff, int rows, int cols, float[] out, int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + cols, 0);
        for (int r = 0; r < rows; r++) {
            same(BinaryOp.ADD, out, outOff, a, aOff + r * cols, out, outOff, cols);
        }
    }

    /**
     * The maximum along the middle axis ({@code outer x length x inner}, length >= 1): the value at the first
     * maximum, or a NaN if there is one, exactly as the reference picks it ({@code -0.0} and {@code +0.0} kept).
     */
    static void max(float[] a, int outer, int length, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            int ob = o * inner;
            if (inner == 1) {
                out[ob] = a[base + argmaxAlong(a, base, length, 1)];
                continue;
            }
            System.arraycopy(a, base, out, ob, inner);
            int bound = S.loopBound(inner);
            for (int j = 1; j < length; j++) {
                int row = base + j * inner;
                int i = 0;
                for (; i < bound; i += VL) {
                    FloatVector best = FloatVector.fromArray(S, out, ob + i);
                    FloatVector v = FloatVector.fromArray(S, a, row + i);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN))
                            .andNot(best.test(VectorOperators.IS_NAN));
                    best.blend(v, take).intoArray(out, ob + i);
                }
                for (; i < inner; i++) {
                    float best = out[ob + i];
                    float v = a[row + i];
                    if (best == best && (v > best || v != v)) {
                        out[ob + i] = v;
                    }
                }
            }
        }
    }

    /** The index of the first maximum (or first NaN) along the middle axis, per {@code (outer, inner)} position. */
    static int[] argmax(float[] a, int outer, int length, int inner) {
        int[] result = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                result[o * inner + i] = argmaxAlong(a, o * length * inner + i, length, inner);
            }
        }
        return result;
    }

    private static int argmaxAlong(float[] a, int start, int length, int stride) {
        int best = 0;
        float bestValue = a[start];
        for (int j = 1; j < length && bestValue == bestValue; j++) {
            float v = a[start + j * stride];
            if (v > bestValue || v != v) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- layout

    /** {@code out (cols x rows) = aᵀ}, in blocks of 32 x 32. */
    static void transpose(float[] a, int aOff, int rows, int cols, float[] out, int outOff) {
        for (int i0 = 0; i0 < rows; i0 += 32) {
            int i1 = Math.min(rows, i0 + 32);
            for (int j0 = 0; j0 < cols; j0 += 32) {
                int j1 = Math.min(cols, j0 + 32);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        out[outOff + j * rows + i] = a[aOff + i * cols + j];
                    }
                }
            }
        }
    }

    /** {@code out[r] = Σ_p a[r*k + p] · b[p]} for {@code r < rows} (the matrix-vector product), from {@code +0.0}. */
    static void gemv(float[] a, int rows, int k, float[] b, float[] out) {
        int bound = S.loopBound(k);
        if (bound == 0) {
            // Shorter than a vector (the lesson's X·w with three features): the sums the code below gives, without
            // a vector op per row, which an uncompiled Vector API makes a thousand times dearer than the row.
            for (int r = 0; r < rows; r++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[r * k + p] * b[p];
                }
                out[r] = sum;
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int off = r * k;
            FloatVector acc = FloatVector.zero(S);
            int p = 0;
            for (; p < bound; p += VL) {
                acc = FloatVector.fromArray(S, a, off + p).fma(FloatVector.fromArray(S, b, p), acc);
            }
            float sum = acc.reduceLanes(VectorOperators.ADD);
            for (; p < k; p++) {
                sum += a[off + p] * b[p];
            }
            out[r] = sum;
        }
    }

    // ---------------------------------------------------------------- fused dense-layer steps

    /**
     * In place, {@code c[cOff + r*cols + j] = act(c[...] + bias[biasOff + j])}: a dense layer's bias and
     * activation after its product, each element rounded as the separate add and map would round it.
     */
    static void biasActivation(float[] c, int cOff, int rows, int cols, float[] bias, int biasOff, Fn act,
                               double param) {
        for (int r = 0; r < rows; r++) {
            int row = cOff + r * cols;
            same(BinaryOp.ADD, c, row, bias, biasOff, c, row, cols);
            map(act, param, c, row, c, row, cols);
        }
    }

    /**
     * {@code out = dA · act'(z)} elementwise over {@code n} elements: the gradient through an activation from
     * the gradient of its output and its input {@code z}; {@code out} may be {@code dA} or {@code z}.
     */
    static void activationBackward(Fn act, double param, float[] dA, int dOff, float[] z, int zOff, float[] out,
                                   int outOff, int n) {
        Fn derivative = act.derivative();
        if (derivative == null) {
            System.arraycopy(dA, dOff, out, outOff, n);
            return;
        }
        if (act == Fn.RELU) {
            FloatVector zero = FloatVector.zero(S);
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += VL) {
                FloatVector x = FloatVector.fromArray(S, z, zOff + i);
                FloatVector d = zero.blend(1, x.compare(VectorOperators.GT, zero)).blend(x, x.test(VectorOperators.IS_NAN));
                FloatVector.fromArray(S, dA, dOff + i).mul(d).intoArray(out, outOff + i);
            }
            for (; i < n; i++) {
                out[outOff + i] = dA[dOff + i] * (float) derivative.apply(z[zOff + i], param);
            }
            return;
        }
        for (int i = 0; i < n; i += 1024) {
            int len = Math.min(1024, n - i);
            float[] d = new float[len];
            map(derivative, param, z, zOff + i, d, 0, len);
            same(BinaryOp.MULTIPLY, dA, dOff + i, d, 0, out, outOff + i, len);
        }
    }
}
