package org.vecnn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.Tolerances;
import org.vecnn.UnaryOp;

/**
 * A bounded, seeded random-operations run against the loops reference on every available backend: random
 * shapes of rank 0 to 4 with size-0 and size-1 dimensions, values with NaN, infinities, -0.0 and subnormals,
 * every operation in its allocating and its {@code out=} form. Elementwise results must be identical (any NaN
 * matches any NaN, -0.0 is not +0.0), sums within {@link Tolerances#sumOfTerms}, transcendental functions within
 * {@link Tolerances#function}, as in the TCK; an operation the reference refuses must be refused with the same
 * exception class. {@code -Dvecnn.random.seed} and {@code -Dvecnn.random.rounds} replay or extend it.
 */
class RandomOperationsIT {
    private static final long SEED = Long.getLong("vecnn.random.seed", 20261130L);
    private static final int ROUNDS = Integer.getInteger("vecnn.random.rounds", 120);
    private static final int[] DIMS = {0, 1, 1, 2, 3, 4};
    private static final UnaryOp[] UNARY = {UnaryOp.NEGATE, UnaryOp.ABS, UnaryOp.SQUARE, UnaryOp.SQRT, UnaryOp.EXP,
        UnaryOp.LOG, UnaryOp.RELU, UnaryOp.RELU_DERIVATIVE, UnaryOp.SIGMOID, UnaryOp.SIGMOID_DERIVATIVE, UnaryOp.TANH,
        UnaryOp.TANH_DERIVATIVE, UnaryOp.leakyRelu(0.01), UnaryOp.leakyReluDerivative(0.2)};
    private static final List<UnaryOp> EXACT_UNARY = List.of(UnaryOp.NEGATE, UnaryOp.ABS, UnaryOp.SQUARE, UnaryOp.SQRT,
            UnaryOp.RELU, UnaryOp.RELU_DERIVATIVE, UnaryOp.leakyRelu(0.01), UnaryOp.leakyReluDerivative(0.2));

    private final Backend loops = Backends.get("loops");

    @TestFactory
    List<DynamicTest> everyBackendAgreesWithLoopsOnRandomOperations() {
        List<Backend> backends = Backends.report().stream().filter(BackendStatus::available)
                .map(s -> Backends.get(s.name())).filter(b -> b != loops).collect(Collectors.toList());
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend backend : backends) {
            for (DType dtype : backend.capabilities().dtypes()) {
                tests.add(DynamicTest.dynamicTest(backend.name() + " " + dtype.numpyName(), () -> run(backend, dtype)));
            }
        }
        assertThat(tests).as("backends besides loops").isNotEmpty();
        return tests;
    }

    private void run(Backend backend, DType dtype) {
        SplittableRandom random = new SplittableRandom(SEED ^ backend.name().hashCode() ^ dtype.ordinal());
        for (int round = 0; round < ROUNDS; round++) {
            Case c = new Case(backend, dtype, random, round);
            c.elementwise();
            c.unary();
            c.scaleAndAxpy();
            c.reductions();
            c.products();
            c.copyFillTranspose();
        }
    }

    /** One round: random operands, every operation, each compared with loops. */
    private final class Case {
        final Backend backend;
        final DType dtype;
        final SplittableRandom random;
        final int round;

        Case(Backend backend, DType dtype, SplittableRandom random, int round) {
            this.backend = backend;
            this.dtype = dtype;
            this.random = random;
            this.round = round;
        }

        // ------------------------------------------------------------ data

        Shape shape(int minRank) {
            int rank = minRank + random.nextInt(5 - minRank);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = DIMS[random.nextInt(DIMS.length)];
            }
            return Shape.of(dims);
        }

        /** A shape that broadcasts with {@code a}: some dimensions 1 or dropped from the front. */
        Shape broadcastPartner(Shape a) {
            int drop = a.rank() == 0 ? 0 : random.nextInt(a.rank() + 1);
            int[] dims = new int[a.rank() - drop + (random.nextInt(4) == 0 ? 1 : 0)];
            int extra = dims.length - (a.rank() - drop);
            for (int i = 0; i < dims.length; i++) {
                if (i < extra) {
                    dims[i] = DIMS[random.nextInt(DIMS.length)];
                } else {
                    int d = a.dim(drop + i - extra);
                    dims[i] = random.nextInt(3) == 0 ? 1 : d;
                }
            }
            return Shape.of(dims);
        }

        double value() {
            int pick = random.nextInt(20);
            boolean f32 = dtype == DType.FLOAT32;
            switch (pick) {
                case 0: return Double.NaN;
                case 1: return Double.POSITIVE_INFINITY;
                case 2: return Double.NEGATIVE_INFINITY;
                case 3: return -0.0;
                case 4: return 0.0;
                case 5: return (f32 ? Float.MIN_VALUE : Double.MIN_VALUE) * (1 + random.nextInt(1000)) * (random.nextBoolean() ? 1 : -1);
                case 6: return (f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL) * random.nextDouble(-1, 1);
                default: return random.nextDouble(-4, 4);
            }
        }

        double[] values(Shape shape) {
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = value();
            }
            return v;
        }

        double[] finite(Shape shape) {
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextInt(8) == 0 ? -0.0 : random.nextDouble(-4, 4);
            }
            return v;
        }

        String where(String op, Object... operands) {
            return backend.name() + " " + dtype.numpyName() + " round " + round + ": " + op + " " + Arrays.deepToString(operands);
        }

        // ------------------------------------------------------------ operations

        void elementwise() {
            Shape sa = shape(0);
            Shape sb = broadcastPartner(sa);
            double[] x = values(sa);
            double[] y = values(sb);
            String[] names = {"add", "multiply", "subtract", "divide"};
            for (String name : names) {
                Binary op = binary(name);
                compare(where(name, sa, sb, show(x), show(y)), Kind.EXACT, null,
                        on -> op.apply(on, on.fromArray(x, sa, dtype), on.fromArray(y, sb, dtype), null));
                compare(where(name + " out=", sa, sb, show(x), show(y)), Kind.EXACT, null,
                        on -> {
                            Tensor a = on.fromArray(x, sa, dtype);
                            Tensor b = on.fromArray(y, sb, dtype);
                            Tensor out = on.full(op.apply(loops, loops.fromArray(x, sa, dtype), loops.fromArray(y, sb, dtype), null)
                                    .shape(), dtype, Double.NaN);
                            return op.apply(on, a, b, out);
                        });
            }
        }

        void unary() {
            Shape s = shape(0);
            double[] x = values(s);
            for (UnaryOp op : UNARY) {
                Kind kind = EXACT_UNARY.contains(op) ? Kind.EXACT : Kind.FUNCTION;
                compare(where("map " + op, s, show(x)), kind, null, on -> on.map(op, on.fromArray(x, s, dtype)));
                compare(where("map out= " + op, s, show(x)), kind, null, on -> {
                    Tensor out = on.full(s, dtype, Double.NaN);
                    on.map(op, on.fromArray(x, s, dtype), out);
                    return out;
                });
                compare(where("map in place " + op, s, show(x)), kind, null, on -> {
                    Tensor a = on.fromArray(x, s, dtype);
                    on.map(op, a, a);
                    return a;
                });
            }
        }

        void scaleAndAxpy() {
            Shape s = shape(0);
            double[] x = values(s);
            double[] y = values(s);
            double alpha = random.nextInt(3) == 0 ? new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                1.0}[random.nextInt(5)] : value();
            compare(where("scale " + alpha, s, show(x)), Kind.EXACT, null, on -> on.scale(on.fromArray(x, s, dtype), alpha));
            compare(where("scale out= " + alpha, s, show(x)), Kind.EXACT, null, on -> {
                Tensor out = on.full(s, dtype, Double.NaN);
                on.scale(on.fromArray(x, s, dtype), alpha, out);
                return out;
            });
            double[] bound = new double[x.length];
            double a = dtype == DType.FLOAT32 ? (float) alpha : alpha;
            for (int i = 0; i < x.length; i++) {
                double xi = dtype == DType.FLOAT32 ? (float) x[i] : x[i];
                double yi = dtype == DType.FLOAT32 ? (float) y[i] : y[i];
                bound[i] = Tolerances.sumOfTerms(dtype, 2, Math.abs(a * xi) + Math.abs(yi));
            }
            compare(where("axpy " + alpha, s, show(x), show(y)), Kind.SUM, bound, on -> {
                Tensor yt = on.fromArray(y, s, dtype);
                on.axpy(alpha, on.fromArray(x, s, dtype), yt);
                return yt;
            });
        }

        void reductions() {
            Shape s = shape(1);
            double[] x = values(s);
            int axis = random.nextInt(s.rank());
            boolean keep = random.nextBoolean();
            double[] bound = bounds(s, x, on -> t -> on.sum(t, axis, keep), s.dim(axis));
            compare(where("sum axis " + axis + " keepDims " + keep, s, show(x)), Kind.SUM, bound,
                    on -> on.sum(on.fromArray(x, s, dtype), axis, keep));
            compare(where("sum out= axis " + axis, s, show(x)), Kind.SUM, bound, on -> {
                Tensor out = on.full(loops.sum(loops.fromArray(x, s, dtype), axis, keep).shape(), dtype, Double.NaN);
                on.sum(on.fromArray(x, s, dtype), axis, keep, out);
                return out;
            });
            double[] total = bounds(s, x, on -> on::sum, s.size());
            compare(where("sum all", s, show(x)), Kind.SUM, total, on -> on.sum(on.fromArray(x, s, dtype)));
            compare(where("max axis " + axis, s, show(x)), Kind.EXACT, null,
                    on -> on.max(on.fromArray(x, s, dtype), axis, keep));
            compare(where("max out= axis " + axis, s, show(x)), Kind.EXACT, null, on -> {
                Tensor out = on.full(loops.max(loops.fromArray(x, s, dtype), axis, keep).shape(), dtype, Double.NaN);
                on.max(on.fromArray(x, s, dtype), axis, keep, out);
                return out;
            });
            compare(where("argmax axis " + axis, s, show(x)), Kind.EXACT, null, on -> {
                int[] index = on.argmax(on.fromArray(x, s, dtype), axis);
                return loops.fromArray(Arrays.stream(index).asDoubleStream().toArray(), Shape.of(index.length), DType.FLOAT64);
            });
        }

        void products() {
            int m = DIMS[random.nextInt(DIMS.length)];
            int k = DIMS[random.nextInt(DIMS.length)];
            int n = DIMS[random.nextInt(DIMS.length)];
            Shape batch = random.nextBoolean() ? Shape.of() : Shape.of(DIMS[random.nextInt(DIMS.length)]);
            Shape sa = random.nextInt(5) == 0 ? Shape.of(k) : Shape.of(concat(batch, m, k));
            Shape sb = random.nextInt(5) == 0 ? Shape.of(k) : Shape.of(concat(random.nextBoolean() ? batch : Shape.of(), k, n));
            double[] x = values(sa);
            double[] y = values(sb);
            double[] bound = productBounds(sa, x, sb, y, (on, a, b) -> on.matmul(a, b), k);
            compare(where("matmul", sa, sb, show(x), show(y)), Kind.SUM, bound,
                    on -> on.matmul(on.fromArray(x, sa, dtype), on.fromArray(y, sb, dtype)));
            compare(where("matmul out=", sa, sb, show(x), show(y)), Kind.SUM, bound, on -> {
                Tensor out = on.full(loops.matmul(loops.fromArray(x, sa, dtype), loops.fromArray(y, sb, dtype)).shape(),
                        dtype, Double.NaN);
                on.matmul(on.fromArray(x, sa, dtype), on.fromArray(y, sb, dtype), out);
                return out;
            });
            Shape da = random.nextBoolean() ? Shape.of(k) : Shape.of(m, k);
            Shape db = random.nextBoolean() ? Shape.of(k) : Shape.of(k, n);
            double[] u = values(da);
            double[] v = values(db);
            double[] dotBound = productBounds(da, u, db, v, (on, a, b) -> on.dot(a, b), k);
            compare(where("dot", da, db, show(u), show(v)), Kind.SUM, dotBound,
                    on -> on.dot(on.fromArray(u, da, dtype), on.fromArray(v, db, dtype)));
            compare(where("dot out=", da, db, show(u), show(v)), Kind.SUM, dotBound, on -> {
                Tensor out = on.full(loops.dot(loops.fromArray(u, da, dtype), loops.fromArray(v, db, dtype)).shape(),
                        dtype, Double.NaN);
                on.dot(on.fromArray(u, da, dtype), on.fromArray(v, db, dtype), out);
                return out;
            });
            Shape ta = Shape.of(k, m);
            Shape tb = Shape.of(k, n);
            double[] p = values(ta);
            double[] q = values(tb);
            double[] tBound = productBounds(ta, p, tb, q, (on, a, b) -> on.matmulTransposeA(a, b), k);
            compare(where("matmulTransposeA", ta, tb), Kind.SUM, tBound,
                    on -> on.matmulTransposeA(on.fromArray(p, ta, dtype), on.fromArray(q, tb, dtype)));
            compare(where("matmulTransposeA out=", ta, tb), Kind.SUM, tBound, on -> {
                Tensor out = on.full(Shape.of(m, n), dtype, Double.NaN);
                on.matmulTransposeA(on.fromArray(p, ta, dtype), on.fromArray(q, tb, dtype), out);
                return out;
            });
            Shape ua = Shape.of(m, k);
            Shape ub = Shape.of(n, k);
            double[] r = values(ua);
            double[] w = values(ub);
            double[] uBound = productBounds(ua, r, ub, w, (on, a, b) -> on.matmulTransposeB(a, b), k);
            compare(where("matmulTransposeB", ua, ub), Kind.SUM, uBound,
                    on -> on.matmulTransposeB(on.fromArray(r, ua, dtype), on.fromArray(w, ub, dtype)));
            compare(where("matmulTransposeB out=", ua, ub), Kind.SUM, uBound, on -> {
                Tensor out = on.full(Shape.of(m, n), dtype, Double.NaN);
                on.matmulTransposeB(on.fromArray(r, ua, dtype), on.fromArray(w, ub, dtype), out);
                return out;
            });
        }

        void copyFillTranspose() {
            Shape s = shape(0);
            double[] x = values(s);
            double fill = value();
            compare(where("copy", s, show(x)), Kind.EXACT, null, on -> {
                Tensor out = on.full(s, dtype, Double.NaN);
                on.copy(on.fromArray(x, s, dtype), out);
                return out;
            });
            compare(where("fill " + fill, s), Kind.EXACT, null, on -> on.full(s, dtype, fill));
            Shape t = shape(2);
            double[] y = values(t);
            compare(where("transpose", t, show(y)), Kind.EXACT, null, on -> on.transpose(on.fromArray(y, t, dtype)));
            compare(where("transpose out=", t, show(y)), Kind.EXACT, null, on -> {
                Tensor out = on.full(loops.transpose(loops.fromArray(y, t, dtype)).shape(), dtype, Double.NaN);
                on.transpose(on.fromArray(y, t, dtype), out);
                return out;
            });
        }

        // ------------------------------------------------------------ comparison

        double[] bounds(Shape s, double[] x, Function<Backend, Function<Tensor, Tensor>> op, int terms) {
            Tensor abs = loops.fromArray(abs(x, dtype), s, DType.FLOAT64);
            double[] sums = op.apply(loops).apply(abs).toDoubleArray();
            for (int i = 0; i < sums.length; i++) {
                sums[i] = Tolerances.sumOfTerms(dtype, terms, sums[i]);
            }
            return sums;
        }

        double[] productBounds(Shape sa, double[] x, Shape sb, double[] y, Product op, int terms) {
            try {
                double[] sums = op.apply(loops, loops.fromArray(abs(x, dtype), sa, DType.FLOAT64),
                        loops.fromArray(abs(y, dtype), sb, DType.FLOAT64)).toDoubleArray();
                for (int i = 0; i < sums.length; i++) {
                    sums[i] = Tolerances.sumOfTerms(dtype, terms, sums[i]);
                }
                return sums;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        void compare(String context, Kind kind, double[] bound, Function<Backend, Tensor> op) {
            Tensor expected;
            try {
                expected = op.apply(loops);
            } catch (IllegalArgumentException refused) {
                try {
                    op.apply(backend);
                } catch (IllegalArgumentException e) {
                    assertThat(e).as(context).isInstanceOf(refused.getClass());
                    return;
                }
                throw new AssertionFailedError(context + ": loops refuses it (" + refused.getMessage()
                        + ") but " + backend.name() + " accepts it");
            }
            Tensor actual = op.apply(backend);
            assertThat(actual.shape()).as(context).isEqualTo(expected.shape());
            double[] want = expected.toDoubleArray();
            double[] got = actual.toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                double e = want[i];
                double a = got[i];
                boolean ok;
                if (!Double.isFinite(e) || kind == Kind.EXACT) {
                    ok = Double.isNaN(e) ? Double.isNaN(a) : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(e);
                } else if (kind == Kind.FUNCTION) {
                    ok = Math.abs(a - e) <= Tolerances.function(dtype, e);
                } else {
                    ok = Math.abs(a - e) <= bound[i];
                }
                if (!ok) {
                    throw new AssertionFailedError(context + ": element " + i + " is " + a + " ("
                            + Double.toHexString(a) + "), loops gives " + e + " (" + Double.toHexString(e) + ")"
                            + (kind == Kind.SUM ? " within " + bound[i] : kind == Kind.FUNCTION ? " within "
                                    + Tolerances.function(dtype, e) : " exactly"));
                }
            }
        }
    }

    private enum Kind { EXACT, SUM, FUNCTION }

    private interface Binary {
        Tensor apply(Backend on, Tensor a, Tensor b, Tensor out);
    }

    private interface Product {
        Tensor apply(Backend on, Tensor a, Tensor b);
    }

    private static Binary binary(String name) {
        switch (name) {
            case "add": return (on, a, b, out) -> { if (out == null) { return on.add(a, b); } on.add(a, b, out); return out; };
            case "multiply": return (on, a, b, out) -> { if (out == null) { return on.multiply(a, b); } on.multiply(a, b, out); return out; };
            case "subtract": return (on, a, b, out) -> { if (out == null) { return on.subtract(a, b); } on.subtract(a, b, out); return out; };
            default: return (on, a, b, out) -> { if (out == null) { return on.divide(a, b); } on.divide(a, b, out); return out; };
        }
    }

    private static int[] concat(Shape batch, int... tail) {
        int[] dims = Arrays.copyOf(batch.dims(), batch.rank() + tail.length);
        System.arraycopy(tail, 0, dims, batch.rank(), tail.length);
        return dims;
    }

    private static double[] abs(double[] values, DType dtype) {
        double[] abs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(dtype == DType.FLOAT32 ? (float) values[i] : values[i]);
        }
        return abs;
    }

    private static String show(double[] values) {
        return values.length <= 8 ? Arrays.toString(values) : values.length + " values";
    }
}
