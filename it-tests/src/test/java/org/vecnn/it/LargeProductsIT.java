package org.vecnn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.vecnn.Backend;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Tolerances;
import org.vecnn.UnaryOp;

/**
 * Products large enough to reach the paths a fast backend takes only for real work: the packed, blocked and
 * threaded GEMM (above 2^18 multiply-adds), the edges of its cache blocks (depths around 128, 256 and 512, rows
 * around 192 and 256), the narrow path (a handful of columns), deep narrow products (more than 4096 terms), the
 * depth split of a dense layer's forward step, and the fused steps of the dense layer, on every backend and dtype
 * against loops. Operands and outputs are views ({@code reshape}s of flat tensors), outputs start as NaN, and NaN,
 * infinities and {@code -0.0} are sprinkled into the operands, so a wrong offset, a skipped tile or a lost special
 * value shows. Seeded ({@code -Dvecnn.large.seed}); about a dozen shapes per backend and dtype.
 */
class LargeProductsIT {
    private static final long SEED = Long.getLong("vecnn.large.seed", 20261207L);
    private static final int[] ROWS = {1, 7, 8, 9, 63, 129, 191, 257, 300};
    private static final int[] COLUMNS = {1, 3, 10, 16, 17, 33, 100, 255, 300};
    private static final int[] DEPTHS = {1, 100, 127, 128, 255, 256, 257, 513, 1100};
    /** The most multiply-adds of one random product: big enough for every path, small enough for loops. */
    private static final long MAX_WORK = 1L << 25;

    private final Backend loops = Backends.get("loops");

    @TestFactory
    List<DynamicTest> largeProductsAgreeWithLoopsOnEveryBackend() {
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

    /** The shapes every run checks, then random ones. */
    private static List<int[]> shapes(SplittableRandom random) {
        List<int[]> shapes = new ArrayList<>(List.of(
                new int[] {128, 256, 784},      // the MLP's hidden layer forward (depth split)
                new int[] {128, 10, 256},       // its output layer (narrow)
                new int[] {300, 300, 300},      // blocked, both threads, every edge of a 256-row block
                new int[] {64, 64, 1024},       // a deep product with a small result
                new int[] {37, 3, 9000},        // a deep narrow product: depth blocks of the narrow panel
                new int[] {5, 17, 5000}));
        while (shapes.size() < 14) {
            int m = ROWS[random.nextInt(ROWS.length)];
            int n = COLUMNS[random.nextInt(COLUMNS.length)];
            int k = DEPTHS[random.nextInt(DEPTHS.length)];
            if ((long) m * n * k <= MAX_WORK) {
                shapes.add(new int[] {m, n, k});
            }
        }
        return shapes;
    }

    private void run(Backend backend, DType dtype) {
        SplittableRandom random = new SplittableRandom(SEED ^ backend.name().hashCode() ^ dtype.ordinal());
        for (int[] shape : shapes(random)) {
            new Case(backend, dtype, random, shape[0], shape[1], shape[2]).run();
        }
    }

    private final class Case {
        final Backend backend;
        final DType dtype;
        final SplittableRandom random;
        final int m;
        final int n;
        final int k;

        Case(Backend backend, DType dtype, SplittableRandom random, int m, int n, int k) {
            this.backend = backend;
            this.dtype = dtype;
            this.random = random;
            this.m = m;
            this.n = n;
            this.k = k;
        }

        /** Values in [-2, 2] with about one special value (NaN, an infinity, -0.0) per 4000. */
        double[] values(int size) {
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                int pick = random.nextInt(4000);
                v[i] = switch (pick) {
                    case 0 -> Double.NaN;
                    case 1 -> Double.POSITIVE_INFINITY;
                    case 2 -> Double.NEGATIVE_INFINITY;
                    case 3, 4, 5, 6 -> -0.0;
                    default -> random.nextDouble(-2, 2);
                };
            }
            return v;
        }

        /** A view of {@code values} in {@code shape}: a reshape of a flat tensor, as a user's view would be. */
        Tensor view(Backend on, double[] values, int... dims) {
            return on.fromArray(values, Shape.of(values.length), dtype).reshape(dims);
        }

        /** An output of {@code dims} full of NaN, as a view of a flat tensor. */
        Tensor out(Backend on, int... dims) {
            return on.full(Shape.of(Shape.of(dims).size()), dtype, Double.NaN).reshape(dims);
        }

        String where(String op) {
            return backend.name() + " " + dtype.numpyName() + " " + op + " m=" + m + " n=" + n + " k=" + k;
        }

        void run() {
            double[] a = values(m * k);
            double[] b = values(k * n);
            double[] bias = values(n);
            double[] c = values(m * n);
            double[] bound = bound(abs(a), abs(b), k, 0);
            compare(where("matmul out="), bound, on -> {
                Tensor out = out(on, m, n);
                on.matmul(view(on, a, m, k), view(on, b, k, n), out);
                return out;
            });
            compare(where("matmulTransposeA out="), bound, on -> {
                Tensor out = out(on, m, n);
                on.matmulTransposeA(on.transpose(view(on, a, m, k)), view(on, b, k, n), out);
                return out;
            });
            compare(where("matmulTransposeB out="), bound, on -> {
                Tensor out = out(on, m, n);
                on.matmulTransposeB(view(on, a, m, k), on.transpose(view(on, b, k, n)), out);
                return out;
            });
            double alpha = -0.25;
            compare(where("addProduct"), bound(abs(a), abs(b), k, 1), on -> {
                Tensor into = view(on, c, m, n);
                on.addProduct(alpha, view(on, a, m, k), false, view(on, b, k, n), false, into);
                return into;
            });
            double[] denseBound = bound(abs(a), abs(b), k, 1);
            for (UnaryOp activation : new UnaryOp[] {null, UnaryOp.RELU, UnaryOp.TANH}) {
                for (boolean activated : new boolean[] {false, true}) {
                    if (activated && activation == null) {
                        continue;
                    }
                    // tanh and relu move no value further than its argument moved: z's bound serves a too.
                    compare(where("denseForward " + activation + (activated ? " a" : " z")), denseBound, on -> {
                        Tensor z = out(on, m, n);
                        Tensor act = activation == null ? null : out(on, m, n);
                        on.denseForward(view(on, a, m, k), view(on, b, k, n), view(on, bias, n), activation, z, act);
                        return activated ? act : z;
                    });
                }
            }
            compare(where("dot (matrix-vector) out="), bound(abs(a), abs(b), k, 0, 1), on -> {
                Tensor out = out(on, m);
                on.dot(view(on, a, m, k), view(on, java.util.Arrays.copyOf(b, k), k), out);
                return out;
            });
        }

        /** The error bound of each element of {@code |a|·|b|} over {@code terms}, plus {@code extra} terms. */
        double[] bound(double[] absA, double[] absB, int terms, int extra) {
            return bound(absA, absB, terms, extra, n);
        }

        double[] bound(double[] absA, double[] absB, int terms, int extra, int columns) {
            Tensor x = loops.fromArray(absA, Shape.of(m, k), DType.FLOAT64);
            Tensor y = loops.fromArray(java.util.Arrays.copyOf(absB, k * columns), Shape.of(k, columns), DType.FLOAT64);
            double[] sums = loops.matmul(x, y).toDoubleArray();
            for (int i = 0; i < sums.length; i++) {
                sums[i] = Tolerances.sumOfTerms(dtype, terms + extra, sums[i] + extra * 2.0);
            }
            return sums;
        }

        double[] abs(double[] values) {
            double[] abs = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                abs[i] = Math.abs(dtype == DType.FLOAT32 ? (float) values[i] : values[i]);
            }
            return abs;
        }

        void compare(String context, double[] bound, Function<Backend, Tensor> op) {
            double[] want = op.apply(loops).toDoubleArray();
            double[] got = op.apply(backend).toDoubleArray();
            assertThat(got).as(context).hasSize(want.length);
            for (int i = 0; i < want.length; i++) {
                double e = want[i];
                double a = got[i];
                // Special values propagate the same in any order of summation; finite sums agree within the bound
                // (plus a function's tolerance, for an activation applied to the sum).
                double within = bound[i] + Tolerances.function(dtype, e);
                boolean ok = Double.isNaN(e) ? Double.isNaN(a) : Double.isInfinite(e) ? a == e : Math.abs(a - e) <= within;
                if (!ok) {
                    throw new AssertionFailedError(context + ": element " + i + " is " + a + ", loops gives " + e
                            + " within " + within);
                }
            }
        }
    }
}
