package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.Tolerances;

/**
 * Runs the four core operations on generated inputs on a backend and on the loops reference and measures
 * how far apart they are, against the SPI's stated tolerances: elementwise results must be identical,
 * products within {@link Tolerances#sumOfTerms}. A quick agreement check; the TCK is the full contract.
 */
final class Verifier {
    static final List<Op> CORE = List.of(Op.MATMUL, Op.DOT, Op.ADD, Op.MULTIPLY);

    /** How one backend fared on one operation and dtype. */
    static final class Agreement {
        final String backend;
        final String op;
        final String dtype;
        final int cases;
        /** The largest absolute difference from the reference. */
        final double maxError;
        /** The largest difference divided by its tolerance: at most 1 means agreement. */
        final double worstRatio;
        final boolean agrees;

        Agreement(String backend, Op op, DType dtype, int cases, double maxError, double worstRatio) {
            this.backend = backend;
            this.op = op.name().toLowerCase(java.util.Locale.ROOT);
            this.dtype = dtype.numpyName();
            this.cases = cases;
            this.maxError = maxError;
            this.worstRatio = worstRatio;
            this.agrees = worstRatio <= 1.0;
        }
    }

    private final Backend reference;
    private final int cases;
    private final long seed;

    Verifier(Backend reference, int cases, long seed) {
        this.reference = reference;
        this.cases = cases;
        this.seed = seed;
    }

    Agreement check(Backend backend, Op op, DType dtype) {
        SplittableRandom random = new SplittableRandom(seed ^ op.name().hashCode() ^ ((long) dtype.code() << 32));
        double maxError = 0;
        double worstRatio = 0;
        for (int i = 0; i < cases; i++) {
            Shape[] shapes = shapes(op, random);
            double[] x = values(random, shapes[0].size(), dtype);
            double[] y = values(random, shapes[1].size(), dtype);
            double[] actual = apply(op, backend.fromArray(x, shapes[0], dtype), backend.fromArray(y, shapes[1], dtype)).toDoubleArray();
            double[] expected = apply(op, reference.fromArray(x, shapes[0], dtype), reference.fromArray(y, shapes[1], dtype)).toDoubleArray();
            double[] bounds = bounds(op, dtype, shapes, x, y);
            for (int e = 0; e < expected.length; e++) {
                double error = difference(actual[e], expected[e], bounds[e]);
                maxError = Math.max(maxError, error);
                worstRatio = Math.max(worstRatio, error == 0 ? 0 : bounds[e] == 0 ? Double.POSITIVE_INFINITY : error / bounds[e]);
            }
        }
        return new Agreement(backend.name(), op, dtype, cases, maxError, worstRatio);
    }

    /**
     * 0 for identical values (NaN matching NaN); infinite where non-finite values differ, and where the
     * tolerance is 0 (elementwise operations) but the bits differ, as {@code -0.0} and {@code +0.0} do.
     */
    private static double difference(double actual, double expected, double bound) {
        if (Double.compare(actual, expected) == 0 || (Double.isNaN(actual) && Double.isNaN(expected))) {
            return 0;
        }
        double d = Math.abs(actual - expected);
        return Double.isNaN(d) || (bound == 0 && d == 0) ? Double.POSITIVE_INFINITY : d;
    }

    private double[] bounds(Op op, DType dtype, Shape[] shapes, double[] x, double[] y) {
        if (op == Op.ADD || op == Op.MULTIPLY) {
            return new double[Shape.broadcast(shapes[0], shapes[1]).size()];
        }
        double[] bounds = apply(op, reference.fromArray(abs(x), shapes[0], DType.FLOAT64), reference.fromArray(abs(y), shapes[1], DType.FLOAT64)).toDoubleArray();
        int terms = shapes[0].dim(-1);
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = Tolerances.sumOfTerms(dtype, terms, bounds[i]);
        }
        return bounds;
    }

    private static Tensor apply(Op op, Tensor a, Tensor b) {
        switch (op) {
            case MATMUL: return a.matmul(b);
            case DOT: return a.dot(b);
            case ADD: return a.add(b);
            case MULTIPLY: return a.multiply(b);
            default: throw new IllegalArgumentException(op.toString());
        }
    }

    /** Operand shapes for {@code op}: matrices with row, column and scalar broadcasts, batches, 1-D operands. */
    private static Shape[] shapes(Op op, SplittableRandom random) {
        int m = 1 + random.nextInt(16);
        int k = 1 + random.nextInt(16);
        int n = 1 + random.nextInt(16);
        switch (op) {
            case MATMUL:
                switch (random.nextInt(3)) {
                    case 0: return new Shape[] {Shape.of(m, k), Shape.of(k, n)};
                    case 1: return new Shape[] {Shape.of(1 + random.nextInt(3), m, k), Shape.of(k, n)};
                    default: return new Shape[] {Shape.of(m, k), Shape.of(k)};
                }
            case DOT:
                return random.nextBoolean() ? new Shape[] {Shape.of(k), Shape.of(k)} : new Shape[] {Shape.of(m, k), Shape.of(k)};
            default:
                Shape full = Shape.of(m, n);
                switch (random.nextInt(4)) {
                    case 0: return new Shape[] {full, full};
                    case 1: return new Shape[] {full, Shape.of(n)};
                    case 2: return new Shape[] {Shape.of(m, 1), full};
                    default: return new Shape[] {full, Shape.scalar()};
                }
        }
    }

    private static double[] values(SplittableRandom random, int n, DType dtype) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double v = random.nextDouble(-2, 2);
            values[i] = dtype == DType.FLOAT32 ? (float) v : v;
        }
        return values;
    }

    private static double[] abs(double[] values) {
        double[] abs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        return abs;
    }

    /** Every (backend, op, dtype) of the given backends that is not the reference itself. */
    List<Agreement> checkAll(List<Backend> backends, Progress progress) {
        List<Agreement> results = new ArrayList<>();
        for (Backend backend : backends) {
            for (DType dtype : DType.values()) {
                if (!backend.capabilities().supports(dtype)) {
                    continue;
                }
                for (Op op : CORE) {
                    results.add(check(backend, op, dtype));
                    progress.step(backend.name() + " " + op + " " + dtype.numpyName());
                }
            }
        }
        return results;
    }
}
