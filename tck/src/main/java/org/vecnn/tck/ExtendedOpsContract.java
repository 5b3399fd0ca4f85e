package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.Tolerances;
import org.vecnn.UnaryOp;

/**
 * The operations beyond the core that a network needs, whether the backend runs them itself or through the
 * SPI's reference implementations: each on generated cases in every dtype the backend runs.
 */
interface ExtendedOpsContract extends TckContext {

    /** The functions whose float results are unique (one IEEE operation or a selection): compared exactly. */
    List<UnaryOp> EXACT_FUNCTIONS = List.of(UnaryOp.NEGATE, UnaryOp.ABS, UnaryOp.SQUARE, UnaryOp.SQRT,
            UnaryOp.RELU, UnaryOp.RELU_DERIVATIVE, UnaryOp.leakyRelu(0.01), UnaryOp.leakyReluDerivative(0.01));

    /** The transcendental functions: compared within {@link Tolerances#function}. */
    List<UnaryOp> APPROXIMATE_FUNCTIONS = List.of(UnaryOp.EXP, UnaryOp.LOG, UnaryOp.SIGMOID,
            UnaryOp.SIGMOID_DERIVATIVE, UnaryOp.TANH, UnaryOp.TANH_DERIVATIVE);

    private int extendedCases() {
        return Math.max(50, generatedCases() / 4);
    }

    @Test
    default void subtractAndDivide() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("subtract-divide/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                for (Op op : List.of(Op.SUBTRACT, Op.DIVIDE)) {
                    Shape[] s = cases.broadcastPair();
                    oracle().checkBinary(op, dtype, s[0], cases.values(s[0].size(), dtype), s[1], cases.values(s[1].size(), dtype));
                }
            }
        }
    }

    @Test
    default void transposedProducts() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("transposed-products/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                for (Op op : List.of(Op.MATMUL_TRANSPOSE_A, Op.MATMUL_TRANSPOSE_B)) {
                    Shape[] s = cases.transposedProductPair(op == Op.MATMUL_TRANSPOSE_A);
                    oracle().checkBinary(op, dtype, s[0], cases.values(s[0].size(), dtype), s[1], cases.values(s[1].size(), dtype));
                }
            }
        }
    }

    @Test
    default void scaleMatchesReferenceExactly() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("scale/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                Shape shape = cases.shape(4, 4);
                double[] x = cases.values(shape.size(), dtype);
                double alpha = cases.values(1, DType.FLOAT64)[0] / 3.0;
                String context = "scale " + dtype + " " + shape + " alpha=" + alpha;
                double[] want = reference().scale(reference().fromArray(x, shape, dtype), alpha).toDoubleArray();
                Tensor a = backend().fromArray(x, shape, dtype);
                Compare.identical(context, backend().scale(a, alpha).toDoubleArray(), want);
                backend().scale(a, alpha, a);
                Compare.identical(context + " in place", a.toDoubleArray(), want);
            }
        }
    }

    @Test
    default void axpyUpdatesInPlace() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("axpy/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                Shape shape = cases.shape(3, 5);
                double[] x = cases.values(shape.size(), dtype);
                double[] y = cases.values(shape.size(), dtype);
                double alpha = cases.values(1, DType.FLOAT64)[0] / 7.0;
                Tensor ry = reference().fromArray(y, shape, dtype);
                reference().axpy(alpha, reference().fromArray(x, shape, dtype), ry);
                Tensor by = backend().fromArray(y, shape, dtype);
                backend().axpy(alpha, backend().fromArray(x, shape, dtype), by);
                double[] bound = new double[y.length];
                for (int j = 0; j < y.length; j++) {
                    bound[j] = Tolerances.sumOfTerms(dtype, 1, Math.abs(y[j]) + Math.abs(alpha * x[j]));
                }
                Compare.within("axpy " + dtype + " " + shape + " alpha=" + alpha, by.toDoubleArray(), ry.toDoubleArray(), bound);
            }
        }
    }

    @Test
    default void elementwiseFunctions() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("map/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                Shape shape = cases.shape(3, 6);
                double[] x = cases.values(shape.size(), dtype);
                for (int j = 0; j < x.length; j++) {
                    x[j] = dtype == DType.FLOAT32 ? (float) (x[j] / 50.0) : x[j] / 50.0;
                }
                for (UnaryOp op : EXACT_FUNCTIONS) {
                    checkMap(op, dtype, shape, x, true);
                }
                for (UnaryOp op : APPROXIMATE_FUNCTIONS) {
                    checkMap(op, dtype, shape, x, false);
                }
            }
        }
    }

    private void checkMap(UnaryOp op, DType dtype, Shape shape, double[] x, boolean exact) {
        String context = "map " + op + " " + dtype + " " + shape + " " + Compare.describe(x);
        double[] want = reference().map(op, reference().fromArray(x, shape, dtype)).toDoubleArray();
        Tensor a = backend().fromArray(x, shape, dtype);
        double[] got = backend().map(op, a).toDoubleArray();
        if (exact) {
            Compare.identical(context, got, want);
        } else {
            double[] bound = new double[want.length];
            for (int j = 0; j < want.length; j++) {
                bound[j] = Tolerances.function(dtype, want[j]);
            }
            Compare.within(context, got, want, bound);
        }
        backend().map(op, a, a);
        double[] inPlace = a.toDoubleArray();
        Compare.identical(context + " in place vs allocating", inPlace, got);
    }

    /**
     * The dense layer's fused steps give what their sequence of plain operations gives on the reference:
     * {@code denseForward} is {@code x·w + bias} then the activation (within the product's tolerance, the
     * activation's own tolerance added), {@code activationBackward} is {@code derivative(z) * gradient}.
     */
    @Test
    default void denseLayerStepsMatchTheirSequence() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("dense/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                int m = 1 + cases.nextInt(40);
                int k = cases.nextInt(70);
                int n = 1 + cases.nextInt(40);
                double[] x = cases.values(m * k, dtype);
                double[] w = cases.values(k * n, dtype);
                double[] bias = cases.values(n, dtype);
                for (UnaryOp activation : new UnaryOp[] {null, UnaryOp.RELU, UnaryOp.TANH}) {
                    checkDenseForward(dtype, m, k, n, x, w, bias, activation);
                }
                double[] z = cases.values(m * n, dtype);
                double[] g = cases.values(m * n, dtype);
                for (UnaryOp derivative : new UnaryOp[] {UnaryOp.RELU_DERIVATIVE, UnaryOp.leakyReluDerivative(0.01)}) {
                    Shape shape = Shape.of(m, n);
                    Backend r = reference();
                    double[] want = r.multiply(r.map(derivative, r.fromArray(z, shape, dtype)), r.fromArray(g, shape, dtype))
                            .toDoubleArray();
                    Backend b = backend();
                    Tensor gradient = b.fromArray(g, shape, dtype);
                    Tensor out = b.zeros(shape, dtype);
                    b.activationBackward(derivative, b.fromArray(z, shape, dtype), gradient, out);
                    String context = "activationBackward " + derivative + " " + dtype + " " + shape;
                    Compare.identical(context, out.toDoubleArray(), want);
                    b.activationBackward(derivative, b.fromArray(z, shape, dtype), gradient, gradient);
                    Compare.identical(context + " in place", gradient.toDoubleArray(), want);
                }
            }
        }
    }

    /** {@code copyFrom(data, offset, dst)} writes exactly {@code data[offset, offset + size)}, in both dtypes. */
    @Test
    default void copyFromARangeOfAnArray() {
        for (DType dtype : supportedDTypes()) {
            Backend b = backend();
            Tensor t = b.zeros(Shape.of(3, 4), dtype);
            double[] values = new double[20];
            for (int i = 0; i < values.length; i++) {
                values[i] = i + 0.5;
            }
            if (dtype == DType.FLOAT32) {
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                b.copyFrom(floats, 7, t);
            } else {
                b.copyFrom(values, 7, t);
            }
            Compare.identical("copyFrom offset 7 " + dtype, t.toDoubleArray(), java.util.Arrays.copyOfRange(values, 7, 19));
        }
    }

    /**
     * {@code softmaxCrossEntropy} agrees with the reference (double precision on the host, rounded once) within
     * {@link Tolerances#softmaxCrossEntropy}, on one-hot and soft targets, logits large enough to overflow an
     * unshifted exponential, a minus-infinity logit with a zero target (no loss), and a NaN logit (a NaN row).
     */
    @Test
    default void softmaxCrossEntropyMatchesTheReference() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("softmaxCrossEntropy/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                int rows = 1 + cases.nextInt(40);
                int columns = i % 4 == 0 ? 10 : 1 + cases.nextInt(40);
                double[] z = cases.values(rows * columns, dtype);
                double[] y = new double[rows * columns];
                for (int r = 0; r < rows; r++) {
                    if (cases.chance(0.5)) {
                        y[r * columns + cases.nextInt(columns)] = 1;
                    } else {
                        double total = 0;
                        for (int j = 0; j < columns; j++) {
                            y[r * columns + j] = cases.nextInt(4);
                            total += y[r * columns + j];
                        }
                        for (int j = 0; j < columns; j++) {
                            y[r * columns + j] = total == 0 ? 1.0 / columns : y[r * columns + j] / total;
                        }
                    }
                }
                if (i % 5 == 1) {
                    z[0] = 1000;
                }
                if (i % 5 == 2 && columns > 1) {
                    z[0] = Double.NEGATIVE_INFINITY;
                    y[0] = 0;
                }
                if (i % 5 == 3) {
                    z[z.length - 1] = Double.NaN;
                }
                for (int j = 0; j < y.length; j++) {
                    y[j] = dtype == DType.FLOAT32 ? (float) y[j] : y[j];
                }
                checkSoftmaxCrossEntropy(dtype, rows, columns, z, y);
            }
        }
    }

    private void checkSoftmaxCrossEntropy(DType dtype, int rows, int columns, double[] z, double[] y) {
        Shape shape = Shape.of(rows, columns);
        String context = "softmaxCrossEntropy " + dtype + " " + shape + " logits " + Compare.describe(z);
        Backend r = reference();
        Tensor wantP = r.zeros(shape, dtype);
        Tensor wantG = r.zeros(shape, dtype);
        double wantLoss = r.softmaxCrossEntropy(r.fromArray(z, shape, dtype), r.fromArray(y, shape, dtype), wantP, wantG);
        Backend b = backend();
        Tensor p = b.zeros(shape, dtype);
        Tensor g = b.zeros(shape, dtype);
        double loss = b.softmaxCrossEntropy(b.fromArray(z, shape, dtype), b.fromArray(y, shape, dtype), p, g);
        double[] want = wantP.toDoubleArray();
        double[] bound = new double[want.length];
        for (int j = 0; j < want.length; j++) {
            bound[j] = Tolerances.softmaxCrossEntropy(dtype, columns, want[j]);
        }
        Compare.within(context + " probabilities", p.toDoubleArray(), want, bound);
        double[] wantGradient = wantG.toDoubleArray();
        for (int j = 0; j < want.length; j++) {
            bound[j] = Tolerances.softmaxCrossEntropy(dtype, columns, wantGradient[j] * rows) / rows;
        }
        Compare.within(context + " gradient", g.toDoubleArray(), wantGradient, bound);
        Compare.within(context + " loss", new double[] {loss}, new double[] {wantLoss},
                new double[] {Tolerances.softmaxCrossEntropy(dtype, columns, wantLoss)});
    }

    /**
     * {@code addProduct} (c += alpha·op(a)·op(b), the fused SGD step) agrees with the reference's product
     * followed by axpy, within the product's tolerance plus the axpy's.
     */
    @Test
    default void addProductMatchesProductThenAxpy() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("addProduct/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                boolean transposeA = cases.chance(0.5);
                int m = 1 + cases.nextInt(300);
                int k = cases.nextInt(300);
                int n = 1 + cases.nextInt(150);
                Shape as = transposeA ? Shape.of(k, m) : Shape.of(m, k);
                double[] x = cases.values(m * k, dtype);
                double[] g = cases.values(k * n, dtype);
                double[] w = cases.values(m * n, dtype);
                double alpha = -0.1;
                Backend r = reference();
                Tensor product = transposeA ? r.matmulTransposeA(r.fromArray(x, as, dtype), r.fromArray(g, Shape.of(k, n), dtype))
                        : r.matmul(r.fromArray(x, as, dtype), r.fromArray(g, Shape.of(k, n), dtype));
                Tensor want = r.fromArray(w, Shape.of(m, n), dtype);
                r.axpy(alpha, product, want);
                Backend b = backend();
                Tensor c = b.fromArray(w, Shape.of(m, n), dtype);
                b.addProduct(alpha, b.fromArray(x, as, dtype), transposeA, b.fromArray(g, Shape.of(k, n), dtype), false, c);
                double[] bound = new double[m * n];
                double[] abs = (transposeA ? r.matmulTransposeA(r.fromArray(Oracle.abs(x), as, DType.FLOAT64),
                        r.fromArray(Oracle.abs(g), Shape.of(k, n), DType.FLOAT64))
                        : r.matmul(r.fromArray(Oracle.abs(x), as, DType.FLOAT64), r.fromArray(Oracle.abs(g), Shape.of(k, n), DType.FLOAT64)))
                        .toDoubleArray();
                for (int j = 0; j < bound.length; j++) {
                    bound[j] = Tolerances.sumOfTerms(dtype, k + 2, Math.abs(alpha) * abs[j] + Math.abs(w[j]));
                }
                Compare.within("addProduct " + dtype + " " + as + (transposeA ? "ᵀ" : "") + "·(" + k + "," + n + ")",
                        c.toDoubleArray(), want.toDoubleArray(), bound);
            }
        }
    }

    private void checkDenseForward(DType dtype, int m, int k, int n, double[] x, double[] w, double[] bias,
            UnaryOp activation) {
        Backend r = reference();
        Shape xs = Shape.of(m, k);
        Shape ws = Shape.of(k, n);
        Tensor zRef = r.add(r.matmul(r.fromArray(x, xs, dtype), r.fromArray(w, ws, dtype)), r.fromArray(bias, Shape.of(n), dtype));
        double[] zWant = zRef.toDoubleArray();
        double[] bound = bounds(dtype, x, w, bias, m, k, n);
        Backend b = backend();
        Tensor z = b.zeros(Shape.of(m, n), dtype);
        Tensor a = b.zeros(Shape.of(m, n), dtype);
        b.denseForward(b.fromArray(x, xs, dtype), b.fromArray(w, ws, dtype), b.fromArray(bias, Shape.of(n), dtype),
                activation, z, a);
        String context = "denseForward " + activation + " " + dtype + " " + xs + "·" + ws;
        Compare.within(context + " z", z.toDoubleArray(), zWant, bound);
        if (activation != null) {
            double[] aWant = r.map(activation, zRef).toDoubleArray();
            double[] aBound = new double[aWant.length];
            for (int j = 0; j < aBound.length; j++) {
                aBound[j] = bound[j] + Tolerances.function(dtype, aWant[j]);
            }
            Compare.within(context + " a", a.toDoubleArray(), aWant, aBound);
        }
    }

    private static double[] bounds(DType dtype, double[] x, double[] w, double[] bias, int m, int k, int n) {
        double[] bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double abs = Math.abs(bias[j]);
                for (int p = 0; p < k; p++) {
                    abs += Math.abs(x[i * k + p] * w[p * n + j]);
                }
                bound[i * n + j] = Tolerances.sumOfTerms(dtype, k + 1, abs);
            }
        }
        return bound;
    }

    @Test
    default void reductions() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("reductions/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                Shape shape = cases.shape(4, 5);
                if (shape.rank() == 0) {
                    continue;
                }
                int axis = cases.nextInt(shape.rank() * 2) - shape.rank();
                boolean keepDims = cases.chance(0.5);
                double[] x = cases.values(shape.size(), dtype);
                checkSum(dtype, shape, x, axis, keepDims);
                if (shape.dim(axis) > 0) {
                    checkMaxAndArgmax(dtype, shape, x, axis, keepDims);
                }
            }
        }
    }

    private void checkSum(DType dtype, Shape shape, double[] x, int axis, boolean keepDims) {
        String context = "sum " + dtype + " " + shape + " axis=" + axis + " keepDims=" + keepDims;
        Tensor want = reference().sum(reference().fromArray(x, shape, dtype), axis, keepDims);
        double[] absSums = reference().sum(reference().fromArray(Oracle.abs(x), shape, DType.FLOAT64), axis, keepDims).toDoubleArray();
        double[] bound = new double[absSums.length];
        int terms = shape.dim(axis);
        for (int j = 0; j < bound.length; j++) {
            bound[j] = Tolerances.sumOfTerms(dtype, terms, absSums[j]);
        }
        Tensor a = backend().fromArray(x, shape, dtype);
        Tensor got = backend().sum(a, axis, keepDims);
        assertThat(got.shape()).as(context).isEqualTo(want.shape());
        Compare.within(context, got.toDoubleArray(), want.toDoubleArray(), bound);
        Tensor into = backend().full(want.shape(), dtype, Double.NaN);
        backend().sum(a, axis, keepDims, into);
        Compare.within(context + " (out=)", into.toDoubleArray(), want.toDoubleArray(), bound);
        double[] total = backend().sum(a).toDoubleArray();
        double totalBound = Tolerances.sumOfTerms(dtype, shape.size(), sumOf(Oracle.abs(x)));
        Compare.within("sum all " + context, total, new double[] {sumOf(x)}, new double[] {totalBound});
    }

    private static double sumOf(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private void checkMaxAndArgmax(DType dtype, Shape shape, double[] x, int axis, boolean keepDims) {
        String context = "max/argmax " + dtype + " " + shape + " axis=" + axis;
        Backend ref = reference();
        Tensor r = ref.fromArray(x, shape, dtype);
        Tensor a = backend().fromArray(x, shape, dtype);
        Tensor want = ref.max(r, axis, keepDims);
        Tensor got = backend().max(a, axis, keepDims);
        assertThat(got.shape()).as(context).isEqualTo(want.shape());
        Compare.identical(context, got.toDoubleArray(), want.toDoubleArray());
        assertThat(backend().argmax(a, axis)).as(context).containsExactly(ref.argmax(r, axis));
    }

    @Test
    default void transposeCopyAndFill() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("transpose/" + dtype));
            for (int i = 0; i < extendedCases(); i++) {
                Shape shape = cases.shape(4, 5);
                if (shape.rank() < 2) {
                    continue;
                }
                double[] x = cases.values(shape.size(), dtype);
                Tensor a = backend().fromArray(x, shape, dtype);
                Tensor want = reference().transpose(reference().fromArray(x, shape, dtype));
                Tensor got = backend().transpose(a);
                assertThat(got.shape()).isEqualTo(want.shape());
                Compare.identical("transpose " + shape, got.toDoubleArray(), want.toDoubleArray());
                Tensor back = backend().zeros(shape, dtype);
                backend().transpose(got, back);
                Compare.identical("transpose twice " + shape, back.toDoubleArray(), x);
                Tensor copy = backend().zeros(shape, dtype);
                backend().copy(a, copy);
                Compare.identical("copy " + shape, copy.toDoubleArray(), x);
                backend().fill(copy, -0.0);
                double[] negativeZeros = new double[x.length];
                java.util.Arrays.fill(negativeZeros, -0.0);
                Compare.identical("fill " + shape, copy.toDoubleArray(), negativeZeros);
            }
        }
    }
}
