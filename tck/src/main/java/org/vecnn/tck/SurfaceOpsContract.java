package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.Backend;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Tolerances;
import org.vecnn.spi.BinaryFunction;

/**
 * The primitives of NumPy's everyday surface, whether the backend runs them itself or through the SPI's
 * reference implementations, against the loops reference on generated cases in every dtype the backend runs:
 * {@code power}, {@code maximum}, {@code minimum} and the comparisons (broadcast, NaN, infinities, signed zeros,
 * allocating, {@code out=} and in place), {@code where}, and the reductions {@code min}, {@code prod},
 * {@code argmin} with the statistics built on them ({@code mean}, {@code var}, {@code std} along an axis).
 */
interface SurfaceOpsContract extends TckContext {

    private int surfaceCases() {
        return Math.max(50, generatedCases() / 4);
    }

    /** Every {@link BinaryFunction}: exact (one selection or comparison) except {@code power}, within {@link Tolerances#function}. */
    @Test
    default void binaryFunctionsMatchTheReference() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("binaryFunction/" + dtype));
            for (int i = 0; i < surfaceCases(); i++) {
                Shape[] s = cases.broadcastPair();
                double[] x = cases.valuesWithSpecials(s[0].size(), dtype, 0.1);
                double[] y = cases.valuesWithSpecials(s[1].size(), dtype, 0.1);
                for (BinaryFunction op : BinaryFunction.values()) {
                    double[] exponents = op == BinaryFunction.POWER ? scaled(y, dtype) : y;
                    checkFunction(op, dtype, s[0], x, s[1], exponents);
                }
            }
        }
    }

    /** Exponents a tenth as large, so that powers of the generated bases mostly stay finite. */
    private static double[] scaled(double[] y, DType dtype) {
        double[] scaled = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = Math.abs(y[i]) > 4 ? y[i] / 100 : y[i];
            scaled[i] = dtype == DType.FLOAT32 ? (float) v : v;
        }
        return scaled;
    }

    private void checkFunction(BinaryFunction op, DType dtype, Shape sa, double[] x, Shape sb, double[] y) {
        String context = op.numpyName() + " " + dtype.numpyName() + " " + sa + " " + sb + " a=" + Compare.describe(x)
                + " b=" + Compare.describe(y);
        Backend r = reference();
        double[] want = function(op, r.fromArray(x, sa, dtype), r.fromArray(y, sb, dtype)).toDoubleArray();
        Backend b = backend();
        Tensor a = b.fromArray(x, sa, dtype);
        Tensor c = b.fromArray(y, sb, dtype);
        Tensor got = function(op, a, c);
        assertThat(got.dtype()).as(context).isEqualTo(dtype);
        compare(op, dtype, context, got.toDoubleArray(), want);
        Tensor into = b.full(got.shape(), dtype, Double.NaN);
        functionInto(op, a, c, into);
        compare(op, dtype, context + " (out=)", into.toDoubleArray(), want);
        if (sa.equals(got.shape())) {
            functionInto(op, a, c, a);
            compare(op, dtype, context + " (in place)", a.toDoubleArray(), want);
        }
    }

    private static void compare(BinaryFunction op, DType dtype, String context, double[] got, double[] want) {
        if (op != BinaryFunction.POWER) {
            Compare.identical(context, got, want);
            return;
        }
        double[] bound = new double[want.length];
        for (int j = 0; j < want.length; j++) {
            bound[j] = Tolerances.function(dtype, want[j]);
        }
        Compare.within(context, got, want, bound);
    }

    private static Tensor function(BinaryFunction op, Tensor a, Tensor b) {
        Backend on = a.backend();
        return switch (op) {
            case POWER -> on.power(a, b);
            case MAXIMUM -> on.maximum(a, b);
            case MINIMUM -> on.minimum(a, b);
            case GREATER -> on.greater(a, b);
            case GREATER_EQUAL -> on.greaterEqual(a, b);
            case LESS -> on.less(a, b);
            case LESS_EQUAL -> on.lessEqual(a, b);
            case EQUAL -> on.equal(a, b);
            case NOT_EQUAL -> on.notEqual(a, b);
        };
    }

    private static void functionInto(BinaryFunction op, Tensor a, Tensor b, Tensor out) {
        Backend on = a.backend();
        switch (op) {
            case POWER -> on.power(a, b, out);
            case MAXIMUM -> on.maximum(a, b, out);
            case MINIMUM -> on.minimum(a, b, out);
            case GREATER -> on.greater(a, b, out);
            case GREATER_EQUAL -> on.greaterEqual(a, b, out);
            case LESS -> on.less(a, b, out);
            case LESS_EQUAL -> on.lessEqual(a, b, out);
            case EQUAL -> on.equal(a, b, out);
            case NOT_EQUAL -> on.notEqual(a, b, out);
        }
    }

    /** {@code where} with a mask of 0, 1, NaN and other values, the three operands broadcast together. */
    @Test
    default void whereMatchesTheReferenceExactly() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("where/" + dtype));
            for (int i = 0; i < surfaceCases(); i++) {
                Shape[] s = cases.broadcastTriple();
                double[] m = cases.valuesWithSpecials(s[0].size(), dtype, 0.3);
                for (int j = 0; j < m.length; j++) {
                    m[j] = cases.chance(0.4) ? 0.0 : m[j];
                }
                double[] x = cases.valuesWithSpecials(s[1].size(), dtype, 0.1);
                double[] y = cases.valuesWithSpecials(s[2].size(), dtype, 0.1);
                String context = "where " + dtype.numpyName() + " " + s[0] + " " + s[1] + " " + s[2];
                Backend r = reference();
                double[] want = r.where(r.fromArray(m, s[0], dtype), r.fromArray(x, s[1], dtype), r.fromArray(y, s[2], dtype))
                        .toDoubleArray();
                Backend b = backend();
                Tensor mask = b.fromArray(m, s[0], dtype);
                Tensor a = b.fromArray(x, s[1], dtype);
                Tensor c = b.fromArray(y, s[2], dtype);
                Tensor got = b.where(mask, a, c);
                Compare.identical(context, got.toDoubleArray(), want);
                Tensor into = b.full(got.shape(), dtype, Double.NaN);
                b.where(mask, a, c, into);
                Compare.identical(context + " (out=)", into.toDoubleArray(), want);
            }
        }
    }

    /**
     * {@code min} and {@code argmin} exactly (NaN wins, the first minimum's index), {@code prod} within the
     * rounding of a product of the axis' length, and {@code mean}, {@code var}, {@code std} (sums and
     * elementwise steps composed) within the bound of a sum of as many terms; allocating and {@code out=}.
     */
    @Test
    default void minProdArgminAndStatisticsMatchTheReference() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("surface-reductions/" + dtype));
            for (int i = 0; i < surfaceCases(); i++) {
                Shape shape = cases.shape(4, 5);
                if (shape.rank() == 0) {
                    continue;
                }
                int axis = cases.nextInt(shape.rank() * 2) - shape.rank();
                boolean keepDims = cases.chance(0.5);
                double[] x = cases.values(shape.size(), dtype);
                if (cases.chance(0.2) && x.length > 0) {
                    x[cases.nextInt(x.length)] = Double.NaN;
                }
                for (int j = 0; j < x.length; j++) {
                    x[j] = Math.abs(x[j]) > 4 ? (dtype == DType.FLOAT32 ? (float) (x[j] / 250) : x[j] / 250) : x[j];
                }
                String context = dtype.numpyName() + " " + shape + " axis=" + axis + " keepDims=" + keepDims;
                Backend r = reference();
                Backend b = backend();
                Tensor ra = r.fromArray(x, shape, dtype);
                Tensor a = b.fromArray(x, shape, dtype);
                if (shape.dim(axis) > 0) {
                    Tensor want = r.min(ra, axis, keepDims);
                    Tensor got = b.min(a, axis, keepDims);
                    assertThat(got.shape()).as("min " + context).isEqualTo(want.shape());
                    Compare.identical("min " + context, got.toDoubleArray(), want.toDoubleArray());
                    Tensor into = b.full(want.shape(), dtype, Double.NaN);
                    b.min(a, axis, keepDims, into);
                    Compare.identical("min " + context + " (out=)", into.toDoubleArray(), want.toDoubleArray());
                    assertThat(b.argmin(a, axis)).as("argmin " + context).containsExactly(r.argmin(ra, axis));
                }
                checkProd(context, dtype, shape, x, axis, keepDims);
                checkStatistics(context, dtype, shape, x, axis, keepDims, cases.nextInt(3));
            }
        }
    }

    private void checkProd(String context, DType dtype, Shape shape, double[] x, int axis, boolean keepDims) {
        double[] want = reference().prod(reference().fromArray(x, shape, dtype), axis, keepDims).toDoubleArray();
        double[] bound = new double[want.length];
        for (int j = 0; j < want.length; j++) {
            bound[j] = Tolerances.sumOfTerms(dtype, shape.dim(axis), Math.abs(want[j]));
        }
        Tensor a = backend().fromArray(x, shape, dtype);
        Compare.within("prod " + context, backend().prod(a, axis, keepDims).toDoubleArray(), want, bound);
        Tensor into = backend().full(reference().prod(reference().fromArray(x, shape, dtype), axis, keepDims).shape(),
                dtype, Double.NaN);
        backend().prod(a, axis, keepDims, into);
        Compare.within("prod " + context + " (out=)", into.toDoubleArray(), want, bound);
    }

    private void checkStatistics(String context, DType dtype, Shape shape, double[] x, int axis, boolean keepDims, int ddof) {
        Backend r = reference();
        Backend b = backend();
        Tensor ra = r.fromArray(x, shape, dtype);
        Tensor a = b.fromArray(x, shape, dtype);
        int n = shape.dim(axis);
        double[] squares = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            squares[j] = x[j] * x[j];
        }
        double[] absSums = r.sum(r.fromArray(Oracle.abs(x), shape, DType.FLOAT64), axis, keepDims).toDoubleArray();
        double[] squareSums = r.sum(r.fromArray(squares, shape, DType.FLOAT64), axis, keepDims).toDoubleArray();
        double[] meanBound = new double[absSums.length];
        double[] varBound = new double[absSums.length];
        for (int j = 0; j < absSums.length; j++) {
            meanBound[j] = Tolerances.sumOfTerms(dtype, n + 1, absSums[j] / Math.max(n, 1));
            varBound[j] = Tolerances.sumOfTerms(dtype, 2 * n + 4, 4 * squareSums[j] / Math.max(n - ddof, 1));
        }
        Compare.within("mean " + context, b.mean(a, axis, keepDims).toDoubleArray(),
                r.mean(ra, axis, keepDims).toDoubleArray(), meanBound);
        Tensor wantVar = r.var(ra, axis, keepDims, ddof);
        Compare.within("var ddof=" + ddof + " " + context, b.var(a, axis, keepDims, ddof).toDoubleArray(),
                wantVar.toDoubleArray(), varBound);
        Tensor into = b.full(wantVar.shape(), dtype, Double.NaN);
        b.var(a, axis, keepDims, ddof, into);
        Compare.within("var (out=) " + context, into.toDoubleArray(), wantVar.toDoubleArray(), varBound);
        double[] wantStd = r.std(ra, axis, keepDims, ddof).toDoubleArray();
        double[] stdBound = new double[wantStd.length];
        for (int j = 0; j < stdBound.length; j++) {
            // sqrt(v + e) - sqrt(v) <= sqrt(e): the variance's bound carried through the square root, plus its rounding
            stdBound[j] = Math.sqrt(varBound[j]) + Tolerances.function(dtype, wantStd[j]);
        }
        Compare.within("std ddof=" + ddof + " " + context, b.std(a, axis, keepDims, ddof).toDoubleArray(), wantStd, stdBound);
    }
}
