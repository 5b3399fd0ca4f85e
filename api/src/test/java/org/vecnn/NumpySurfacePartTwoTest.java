package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The second part of NumPy's everyday surface, each call against the values NumPy 2.4 printed for it: the NumPy
 * expression stands in a comment beside each expected value.
 */
class NumpySurfacePartTwoTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private final Backend np = Backend.of("counting", new TestBackends.Counting());

    private Tensor f64(double... values) {
        return np.fromArray(values, values.length);
    }

    /** Bit for bit, every NaN alike ({@code doubleToLongBits} collapses them), {@code -0.0} apart from {@code 0.0}. */
    private static void same(Tensor t, double... want) {
        double[] got = t.toDoubleArray();
        assertThat(got).hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
            assertThat(Double.doubleToLongBits(got[i]))
                    .as("element %d of %s, want %s", i, Arrays.toString(got), Arrays.toString(want))
                    .isEqualTo(Double.doubleToLongBits(want[i]));
        }
    }

    private static void close(Tensor t, double... want) {
        double[] got = t.toDoubleArray();
        assertThat(got).hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i]) || Double.isInfinite(want[i])) {
                assertThat(got[i]).as("element %d", i).isEqualTo(want[i]);
            } else {
                assertThat(got[i]).as("element %d of %s", i, Arrays.toString(got)).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(want[i]))));
            }
        }
    }

    @Nested
    class Creation {
        @Test
        void zerosAndOnesDefaultToFloat64AsNumpy() {
            Tensor z = np.zeros(2, 3);                      // np.zeros((2, 3)).dtype == float64
            assertThat(z.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(z.shape()).isEqualTo(Shape.of(2, 3));
            same(z, 0, 0, 0, 0, 0, 0);
            Tensor o = np.ones(2, 3);
            assertThat(o.dtype()).isEqualTo(DType.FLOAT64);
            same(o, 1, 1, 1, 1, 1, 1);
            assertThat(np.zeros().shape()).isEqualTo(Shape.scalar());   // np.zeros(())
        }

        @Test
        void likesTakeShapeAndDtype() {
            Tensor t = np.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
            Tensor z = np.zerosLike(t);
            Tensor o = np.onesLike(t);
            Tensor f = np.fullLike(t, 0.1);                 // np.full_like(t, 0.1) for a float32 t: 0.1 rounded
            assertThat(z.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(z.shape()).isEqualTo(Shape.of(3, 2));
            assertThat(o.toFloatArray()).containsOnly(1f);
            assertThat(f.toFloatArray()).containsOnly(0.1f);
        }

        @Test
        void arraysOfRowsAndBlocks() {
            Tensor m = np.array(new double[][] {{1, 2, 3}, {4, 5, 6}});
            assertThat(m.shape()).isEqualTo(Shape.of(2, 3));
            assertThat(m.dtype()).isEqualTo(DType.FLOAT64);
            same(m, 1, 2, 3, 4, 5, 6);
            Tensor f = np.array(new float[][] {{1.5f}, {2.5f}});
            assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(f.shape()).isEqualTo(Shape.of(2, 1));
            Tensor b = np.array(new double[][][] {{{1, 2}}, {{3, 4}}, {{5, 6}}});
            assertThat(b.shape()).isEqualTo(Shape.of(3, 1, 2));
            same(b, 1, 2, 3, 4, 5, 6);
            assertThat(np.array(new float[][][] {{{1}, {2}}}).shape()).isEqualTo(Shape.of(1, 2, 1));
            assertThat(np.array(new double[0][]).shape()).isEqualTo(Shape.of(0, 0));
            assertThatThrownBy(() -> np.array(new double[][] {{1, 2}, {3}}))
                    .isInstanceOf(ShapeException.class)
                    .hasMessage("array: inhomogeneous shape: row 0 has 2 elements but row 1 has 1");
            assertThatThrownBy(() -> np.array(new float[][][] {{{1, 2}}, {{1}, {2}}}))
                    .hasMessage("array: inhomogeneous shape: block 0 has shape (1,2) but block 1 has shape (2,1)");
            assertThatThrownBy(() -> np.array(new double[][] {{1}, null})).hasMessage("array: row 1 is null");
        }

        @Test
        void intsBecomeFloat64ExactlyOrFloat32Rounded() {
            Tensor t = np.fromArray(new int[] {16_777_217, -3}, 2);
            assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
            same(t, 16_777_217, -3);
            // np.array([16777217, -3], dtype=np.float32).tolist() == [16777216.0, -3.0]
            same(np.fromArray(new int[] {16_777_217, -3}, Shape.of(2), DType.FLOAT32), 16_777_216, -3);
        }

        @Test
        void linspaceAsNumpyComputesIt() {
            // np.linspace(0, 1, 7).tolist()
            same(np.linspace(0, 1, 7), 0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666,
                    0.8333333333333333, 1.0);
            same(np.linspace(2, 3, 1), 2.0);                                   // np.linspace(2., 3., 1)
            assertThat(np.linspace(2, 3, 0).size()).isZero();                 // np.linspace(2., 3., 0)
            same(np.linspace(0, 1, 5, false, DType.FLOAT64), 0.0, 0.2, 0.4, 0.6000000000000001, 0.8); // endpoint=False
            same(np.linspace(1, -1, 4), 1.0, 0.33333333333333337, -0.33333333333333326, -1.0);
            same(np.linspace(5, 5, 3), 5, 5, 5);
            // np.linspace(0.1, 0.7, 3, dtype=np.float32).tolist()
            same(np.linspace(0.1, 0.7, 3, DType.FLOAT32), 0.10000000149011612, 0.4000000059604645, 0.699999988079071);
            assertThatThrownBy(() -> np.linspace(0, 1, -1)).hasMessageStartingWith("linspace: num must be non-negative");
            assertThatThrownBy(() -> np.linspace(0, INF, 3)).hasMessageStartingWith("linspace: ");
        }
    }

    @Nested
    class Reductions {
        // a = np.array([[3., -1., 2.], [nan, 5., 0.5]]); b = the same with 4. for nan
        private final Tensor a = np.array(new double[][] {{3, -1, 2}, {NAN, 5, 0.5}});
        private final Tensor b = np.array(new double[][] {{3, -1, 2}, {4, 5, 0.5}});
        private final Tensor c = np.array(new double[][] {{1, 2, 3}, {4, 5, 6}});

        @Test
        void minPropagatesNanAlongAnyAxis() {
            same(a.min(0, false), NAN, -1, 0.5);                 // np.min(a, axis=0)
            same(a.min(-1, false), -1, NAN);                    // np.min(a, axis=-1)
            same(a.min(), NAN);                                 // np.min(a)
            same(b.min(), -1);
            Tensor kept = b.min(1, true);                       // np.min(b, axis=1, keepdims=True) == [[-1.], [0.5]]
            assertThat(kept.shape()).isEqualTo(Shape.of(2, 1));
            same(kept, -1, 0.5);
            Tensor out = np.zeros(3);
            np.min(b, 0, false, out);
            same(out, 3, -1, 0.5);
            assertThat(np.min(np.zeros(0, 3), 1, false).shape()).isEqualTo(Shape.of(0));  // np.min(np.zeros((0,3)), axis=1)
            assertThatThrownBy(() -> np.min(np.zeros(2, 0), 1, false))
                    .hasMessage("min: axis 1 of shape (2,0) is empty, and the reduction has no identity");
            assertThatThrownBy(() -> np.zeros(0).min()).hasMessage("min: zero-size tensor of shape (0,) has no minimum");
        }

        @Test
        void argminAndArgmaxOverEverythingAndAlongAxes() {
            assertThat(b.argmin()).isEqualTo(1);                              // np.argmin(b)
            assertThat(b.argmin(0)).containsExactly(0, 0, 1);                 // np.argmin(b, axis=0)
            assertThat(b.argmin(1)).containsExactly(1, 2);                    // np.argmin(b, axis=1)
            assertThat(a.argmin()).isEqualTo(3);                              // np.argmin(a): the first NaN
            assertThat(a.argmin(0)).containsExactly(1, 0, 1);                 // np.argmin(a, axis=0)
            assertThat(a.argmax()).isEqualTo(3);                              // np.argmax(a)
            assertThat(a.argmax(1)).containsExactly(0, 0);                    // np.argmax(a, axis=1)
            assertThatThrownBy(() -> np.zeros(0).argmin())
                    .hasMessage("argmin: attempt to get argmin of an empty sequence (shape (0,))");
            assertThatThrownBy(() -> np.zeros(0).argmax()).hasMessageStartingWith("argmax: attempt to get argmax");
            assertThatThrownBy(() -> b.argmin(2)).hasMessage("argmin: axis 2 is out of bounds for shape (2,3) of rank 2");
        }

        @Test
        void prodIsOneOverNothing() {
            same(c.prod(), 720);                                              // np.prod(c)
            same(c.prod(0, false), 4, 10, 18);                                // np.prod(c, axis=0)
            Tensor kept = c.prod(-1, true);                                   // np.prod(c, axis=-1, keepdims=True)
            assertThat(kept.shape()).isEqualTo(Shape.of(2, 1));
            same(kept, 6, 120);
            same(np.zeros(2, 0).prod(1, false), 1, 1);                        // np.prod(np.zeros((2,0)), axis=1)
            same(np.zeros(0).prod(), 1);                                      // np.prod(np.zeros(0))
            Tensor out = np.full(Shape.of(3), DType.FLOAT64, NAN);
            np.prod(c, 0, false, out);
            same(out, 4, 10, 18);
        }

        @Test
        void meanAlongAxes() {
            same(c.mean(0, false), 2.5, 3.5, 4.5);                            // np.mean(c, axis=0)
            Tensor kept = c.mean(1, true);                                    // np.mean(c, axis=1, keepdims=True)
            assertThat(kept.shape()).isEqualTo(Shape.of(2, 1));
            same(kept, 2, 5);
            same(np.zeros(2, 0).mean(1, false), NAN, NAN);                    // np.mean(np.zeros((2,0)), axis=1)
            Tensor out = np.zeros(2);
            np.mean(c, -1, false, out);
            same(out, 2, 5);
        }

        @Test
        void varAndStdWithDdof() {
            close(c.var(), 2.9166666666666665);                               // np.var(c)
            same(c.var(0, false), 2.25, 2.25, 2.25);                          // np.var(c, axis=0)
            same(c.var(1, false, 1), 1, 1);                                   // np.var(c, axis=1, ddof=1)
            close(c.std(), 1.707825127659933);                                // np.std(c)
            close(c.stdAll(1), 1.8708286933869707);                           // np.std(c, ddof=1)
            Tensor kept = c.std(0, true);                                     // np.std(c, axis=0, keepdims=True)
            assertThat(kept.shape()).isEqualTo(Shape.of(1, 3));
            same(kept, 1.5, 1.5, 1.5);
            same(c.var(0, false, 2), INF, INF, INF);                          // np.var(c, axis=0, ddof=2)
            same(np.ones(2, 2).var(0, false, 2), NAN, NAN);                   // np.var(np.ones((2,2)), axis=0, ddof=2)
            same(np.zeros(0).var(), NAN);                                     // np.var(np.zeros(0))
            same(np.zeros(2, 0).var(1, false), NAN, NAN);                     // np.var(np.zeros((2,0)), axis=1)
            same(f64(1, NAN, 3).var(), NAN);                                  // np.var([1., nan, 3.])
            // np.var(c.astype(np.float32), axis=1).tolist(); np.std(np.array([1,2,3,4], dtype=np.float32))
            same(c.as(DType.FLOAT32).var(1, false), 0.6666666865348816, 0.6666666865348816);
            assertThat(np.fromArray(new float[] {1, 2, 3, 4}, 4).std().item()).isEqualTo((double) 1.118034f);
            Tensor out = np.zeros(3);
            np.std(c, 0, false, 0, out);
            same(out, 1.5, 1.5, 1.5);
            np.var(c, 0, false, 0, out);
            same(out, 2.25, 2.25, 2.25);
        }

        @Test
        void outMustNotBeTheInputAndMustHaveTheResultsShape() {
            Tensor row = np.ones(1, 3);
            for (Runnable call : new Runnable[] {() -> np.min(row, 0, true, row), () -> np.prod(row, 0, true, row),
                    () -> np.mean(row, 0, true, row), () -> np.var(row, 0, true, 0, row), () -> np.std(row, 0, true, 0, row)}) {
                assertThatThrownBy(call::run).isInstanceOf(TensorArgumentException.class)
                        .hasMessageContaining("is one of the operands");
            }
            assertThatThrownBy(() -> np.prod(np.ones(1, 1), 0, true, np.zeros(2, 2)))
                    .hasMessage("prod: out has shape (2,2) but the result has shape (1,1)");
        }
    }

    @Nested
    class Elementwise {
        private final Tensor x = f64(-2, -0.0, 0.0, 4, NAN, INF, -INF);

        @Test
        void absSqrtSquareNegativeExpLog() {
            same(x.abs(), 2, 0, 0, 4, NAN, INF, INF);                         // np.abs(x)
            same(x.sqrt(), NAN, -0.0, 0.0, 2, NAN, INF, NAN);                 // np.sqrt(x): sqrt(-0.) is -0.
            same(f64(-3, 1.5).square(), 9, 2.25);                             // np.square([-3., 1.5])
            same(f64(0.0, -1).negative(), -0.0, 1);                           // np.negative([0., -1.])
            same(f64(0, 1).exp(), 1, 2.718281828459045);                      // np.exp([0., 1.])
            same(f64(1, 0, -1).log(), 0, Double.NEGATIVE_INFINITY, NAN);      // np.log([1., 0., -1.])
            Tensor out = np.zeros(7);
            np.abs(x, out);
            same(out, 2, 0, 0, 4, NAN, INF, INF);
            np.negative(out, out);
            same(out, -2, -0.0, -0.0, -4, NAN, -INF, -INF);
        }

        @Test
        void powerIsCsPow() {
            // np.power([2., -8., 0., -0., 4.], 1/3.)
            same(f64(2, -8, 0, -0.0, 4).pow(1 / 3.0), 1.2599210498948732, NAN, 0, 0, 1.5874010519681994);
            // np.power([2., 3.], [[0.], [-1.], [0.5]])
            same(f64(2, 3).pow(np.fromArray(new double[] {0, -1, 0.5}, 3, 1)),
                    1, 1, 0.5, 0.3333333333333333, 1.4142135623730951, 1.7320508075688772);
            // np.power([1., -1., nan, -0., 0., -2.], [nan, inf, 0., -1., -1., 0.5])
            same(f64(1, -1, NAN, -0.0, 0, -2).pow(f64(NAN, INF, 0, -1, -1, 0.5)), 1, 1, 1, -INF, INF, NAN);
            // np.power(np.array([2., 10.], dtype=np.float32), np.float32(0.1)) == [1.0717734098434448, 1.2589253187179565]
            // on this Zen 4, through NumPy's SIMD powf; vecnn rounds pow's double result once, which gives the
            // correctly rounded 1.258925437927246 for 10^0.1f (= 1.25892541...), one float ulp from NumPy's.
            float[] powers = np.fromArray(new float[] {2, 10}, 2).pow(0.1).toFloatArray();
            assertThat(powers[0]).isEqualTo(1.0717734098434448f);
            assertThat(powers[1]).isCloseTo(1.2589253187179565f, org.assertj.core.data.Offset.offset(Math.ulp(1.2589253f)));
            assertThat((double) powers[1]).isEqualTo(1.258925437927246);
            Tensor out = np.zeros(2);
            np.power(f64(2, 3), f64(2), out);
            same(out, 4, 9);
        }

        @Test
        void maximumAndMinimumPropagateNanAndBroadcast() {
            // np.maximum([[1., nan, 3.]], [[2.], [0.]])
            same(np.fromArray(new double[] {1, NAN, 3}, 1, 3).maximum(np.fromArray(new double[] {2, 0}, 2, 1)),
                    2, NAN, 3, 1, NAN, 3);
            same(f64(1, NAN, 3, -INF).minimum(f64(2, 0, NAN, 5)), 1, NAN, NAN, -INF);   // np.minimum(...)
            // np.maximum(-0., 0.) is 0. and np.maximum(0., -0.) is -0.: the second operand on ties
            same(f64(-0.0).maximum(f64(0.0)), 0.0);
            same(f64(0.0).maximum(f64(-0.0)), -0.0);
            same(f64(0.0).minimum(-0.0), -0.0);
            Tensor out = np.zeros(3);
            np.maximum(f64(1, 5, 3), f64(2), out);
            same(out, 2, 5, 3);
            np.minimum(out, f64(4), out);
            same(out, 2, 4, 3);
        }

        @Test
        void clipKeepsNanAndTies() {
            same(f64(-3, 0.5, 7, NAN).clip(-1, 2), -1, 0.5, 2, NAN);         // np.clip([-3., .5, 7., nan], -1, 2)
            same(f64(1, 5).clip(3, 2), 2, 2);                                 // np.clip([1., 5.], 3, 2)
            same(f64(-0.0, 0.0).clip(0.0, 1), -0.0, 0.0);                     // np.clip([-0., 0.], 0., 1.)
            same(f64(1, 2).clip(NAN, 1.5), NAN, NAN);                         // np.clip([1., 2.], nan, 1.5)
            Tensor t = f64(-3, 3);
            np.clip(t, -1, 1, t);
            same(t, -1, 1);
        }

        @Test
        void mixedDtypesAreRefused() {
            assertThatThrownBy(() -> f64(1).maximum(np.fromArray(new float[] {1}, 1)))
                    .isInstanceOf(IncompatibleTensorsException.class)
                    .hasMessageStartingWith("maximum: operands have different dtypes");
            assertThatThrownBy(() -> f64(1, 2).pow(f64(1, 2, 3)))
                    .isInstanceOf(ShapeException.class).hasMessageStartingWith("power: ");
        }
    }

    @Nested
    class ComparisonsAndWhere {
        private final Tensor p = f64(1, NAN, 3, -0.0);
        private final Tensor q = f64(2, NAN, 3, 0.0);

        @Test
        void comparisonsGiveMasksOfTheOperandsDtype() {
            same(p.greater(q), 0, 0, 0, 0);                                   // np.greater(p, q).astype(float)
            same(p.greaterEqual(q), 0, 0, 1, 1);
            same(p.less(q), 1, 0, 0, 0);
            same(p.lessEqual(q), 1, 0, 1, 1);
            same(p.equal(q), 0, 0, 1, 1);
            same(p.notEqual(q), 1, 1, 0, 0);
            Tensor mask = np.fromArray(new float[] {1, 5}, 2).greater(2);
            assertThat(mask.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(mask.toFloatArray()).containsExactly(0f, 1f);
            Tensor out = np.zeros(4);
            np.less(p, q, out);
            same(out, 1, 0, 0, 0);
            np.equal(p, f64(3), out);
            same(out, 0, 0, 1, 0);
            assertThat(np.fromArray(new float[] {0.1f}, 1).equal(0.1).item()).isEqualTo(1.0);   // 0.1 rounded to float32 first
        }

        @Test
        void whereBroadcastsAllThree() {
            // np.where(np.array([[1., 0., nan]]) != 0, np.arange(1., 7.).reshape(2, 3), [-1.])
            Tensor w = np.where(np.fromArray(new double[] {1, 0, NAN}, 1, 3),
                    np.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), f64(-1));
            assertThat(w.shape()).isEqualTo(Shape.of(2, 3));
            same(w, 1, -1, 3, 4, -1, 6);
            // np.where(np.array([1., 0.]) != 0, [[nan], [7.]], [[-0.], [8.]])
            same(np.where(f64(1, 0), np.fromArray(new double[] {NAN, 7}, 2, 1), np.fromArray(new double[] {-0.0, 8}, 2, 1)),
                    NAN, -0.0, 7, 8);
            Tensor x = f64(-2, 3, -1);
            np.where(x.greater(0), x, f64(0), x);                            // np.where(x > 0, x, 0, out=x)
            same(x, 0, 3, 0);
            assertThat(np.where(np.zeros(0), np.zeros(0), f64(1)).shape()).isEqualTo(Shape.of(0));
            assertThatThrownBy(() -> np.where(np.zeros(2), np.zeros(3), np.zeros(1)))
                    .isInstanceOf(ShapeException.class)
                    .hasMessage("where: operands could not be broadcast together with shapes (2,) (3,) (1,)");
            assertThatThrownBy(() -> np.where(np.fromArray(new float[] {1}, 1), f64(1), f64(2)))
                    .isInstanceOf(IncompatibleTensorsException.class)
                    .hasMessageStartingWith("where: mask has dtype float32 but the operands are float64");
        }

        @Test
        void broadcastToCopies() {
            Tensor t = np.broadcastTo(f64(1, -0.0), 2, 2);
            same(t, 1, -0.0, 1, -0.0);
            assertThatThrownBy(() -> np.broadcastTo(f64(1, 2), 3)).hasMessage("broadcastTo: shape (2,) cannot be broadcast to (3,)");
            assertThatThrownBy(() -> np.broadcastTo(np.zeros(2, 1), 2)).hasMessage("broadcastTo: shape (2,1) cannot be broadcast to (2,)");
        }
    }

    @Nested
    class Indexing {
        private final Tensor a = np.arange(24, DType.FLOAT64).reshape(2, 3, 4);

        @Test
        void getAndSetWithNegativeIndices() {
            assertThat(a.get(1, -1, -2)).isEqualTo(22);                       // a[1, -1, -2]
            Tensor t = np.zeros(2, 3);
            t.set(7.5, -1, 0).set(0.1, 0, 2);
            same(t, 0, 0, 0.1, 7.5, 0, 0);
            Tensor f = np.zeros(Shape.of(2), DType.FLOAT32);
            Tensor view = f.reshape(2, 1);
            view.set(0.1, 1, 0);
            assertThat(f.toFloatArray()).containsExactly(0f, 0.1f);          // through the view, rounded to float32
            assertThatThrownBy(() -> t.set(1, 2, 0)).hasMessage("set: index 2 is out of bounds for axis 0 with size 2 of shape (2,3)");
            assertThatThrownBy(() -> t.set(1, 0)).hasMessage("set: 1 indices for shape (2,3) of rank 2");
        }

        @Test
        void slicesWithStepsAlongAnyAxis() {
            Tensor s = a.slice(1, 0, Integer.MAX_VALUE, 2);                  // a[:, ::2]
            assertThat(s.shape()).isEqualTo(Shape.of(2, 2, 4));
            same(s, 0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23);
            Tensor r = a.slice(-1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1); // a[..., ::-1]
            assertThat(r.shape()).isEqualTo(Shape.of(2, 3, 4));
            same(r.row(0).row(0), 3, 2, 1, 0);
            same(a.slice(2, 3, 0, -2), 3, 1, 7, 5, 11, 9, 15, 13, 19, 17, 23, 21);   // a[:, :, 3:0:-2]
            assertThat(a.slice(0, -1, Integer.MAX_VALUE, 1).shape()).isEqualTo(Shape.of(1, 3, 4));  // a[-1:]
            assertThat(a.slice(1, 5, 1, 1).shape()).isEqualTo(Shape.of(2, 0, 4));                  // a[:, 5:1]
            same(a.slice(2, -100, 100, 3), 0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23);              // a[:, :, -100:100:3]
            assertThatThrownBy(() -> a.slice(0, 0, 1, 0)).hasMessage("slice: slice step cannot be zero");
            assertThatThrownBy(() -> a.slice(3, 0, 1, 1)).hasMessage("slice: axis 3 is out of bounds for shape (2,3,4) of rank 3");
        }

        @Test
        void takeAlongAnAxisOrTheFlattenedTensor() {
            Tensor t = a.take(new int[] {2, -1, 0}, 1);                       // np.take(a, [2, -1, 0], axis=1)
            assertThat(t.shape()).isEqualTo(Shape.of(2, 3, 4));
            same(t, 8, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 20, 21, 22, 23, 12, 13, 14, 15);
            same(a.take(23, -24, 5), 23, 0, 5);                               // np.take(a, [23, -24, 5])
            assertThat(a.take(new int[0], 2).shape()).isEqualTo(Shape.of(2, 3, 0));
            Tensor out = np.zeros(2, 1, 4);
            np.take(a, new int[] {1}, 1, out);
            same(out, 4, 5, 6, 7, 16, 17, 18, 19);
            assertThatThrownBy(() -> a.take(new int[] {3}, 1))
                    .hasMessage("take: index 3 is out of bounds for axis 1 with size 3 of shape (2,3,4)");
            assertThatThrownBy(() -> np.take(out, new int[] {0}, 1, out)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class JoiningAndSplitting {
        private final Tensor b = np.arange(6, DType.FLOAT64).reshape(2, 3);
        private final Tensor c = np.arange(10, 14, 1, DType.FLOAT64).reshape(2, 2);

        @Test
        void concatenate() {
            Tensor j = np.concatenate(1, b, c);                               // np.concatenate([b, c], axis=1)
            assertThat(j.shape()).isEqualTo(Shape.of(2, 5));
            same(j, 0, 1, 2, 10, 11, 3, 4, 5, 12, 13);
            same(np.concatenate(-2, b, b), 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5);
            same(np.concatenate(1, np.zeros(2, 0), b), 0, 1, 2, 3, 4, 5);
            Tensor out = np.zeros(2, 5);
            np.concatenate(1, new Tensor[] {b, c}, out);
            same(out, 0, 1, 2, 10, 11, 3, 4, 5, 12, 13);
            assertThatThrownBy(() -> np.concatenate(0, b, c)).hasMessage("concatenate: all the input array dimensions"
                    + " except for the concatenation axis must match exactly, but along dimension 1, the array at index 0"
                    + " has size 3 and the array at index 1 has size 2");
            assertThatThrownBy(() -> np.concatenate(0, b, np.zeros(3)))
                    .hasMessageStartingWith("concatenate: all the input arrays must have same number of dimensions");
            assertThatThrownBy(() -> np.concatenate(0, np.zeros())).hasMessage("concatenate: zero-dimensional arrays cannot be concatenated");
            assertThatThrownBy(() -> np.concatenate(0)).hasMessage("concatenate: need at least one array to concatenate");
            assertThatThrownBy(() -> np.concatenate(0, b, np.zeros(Shape.of(2, 3), DType.FLOAT32)))
                    .isInstanceOf(IncompatibleTensorsException.class);
            assertThatThrownBy(() -> np.concatenate(1, new Tensor[] {b, out}, out)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void stack() {
            Tensor s = np.stack(1, b, b.add(10));                            // np.stack([b, b + 10], axis=1)
            assertThat(s.shape()).isEqualTo(Shape.of(2, 2, 3));
            same(s, 0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15);
            assertThat(np.stack(-1, b, b).shape()).isEqualTo(Shape.of(2, 3, 2));
            assertThat(np.stack(0, b, b).shape()).isEqualTo(Shape.of(2, 2, 3));
            Tensor out = np.zeros(2, 2, 3);
            np.stack(1, new Tensor[] {b, b.add(10)}, out);
            same(out, 0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15);
            assertThatThrownBy(() -> np.stack(0, b, c)).hasMessageStartingWith("stack: all input arrays must have the same shape");
            assertThatThrownBy(() -> np.stack(3, b, b)).hasMessage("expandDims: axis 3 is out of bounds for a result of rank 3 (shape (2,3))");
            assertThatThrownBy(() -> np.stack(0)).hasMessage("stack: need at least one array to stack");
        }

        @Test
        void split() {
            Tensor[] parts = np.arange(6, DType.FLOAT64).split(3, 0);        // np.split(np.arange(6.), 3)
            assertThat(parts).hasSize(3);
            same(parts[0], 0, 1);
            same(parts[2], 4, 5);
            Tensor[] halves = np.arange(24, DType.FLOAT64).reshape(2, 3, 4).split(2, -1);
            assertThat(halves[1].shape()).isEqualTo(Shape.of(2, 3, 2));
            same(halves[1].row(0).row(0), 2, 3);
            // np.split(np.arange(6.), [2, -1, 10])
            Tensor[] cut = np.split(np.arange(6, DType.FLOAT64), new int[] {2, -1, 10}, 0);
            assertThat(cut).hasSize(4);
            same(cut[1], 2, 3, 4);
            same(cut[2], 5);
            assertThat(cut[3].size()).isZero();
            assertThatThrownBy(() -> np.arange(6, DType.FLOAT64).split(4, 0)).hasMessageStartingWith(
                    "split: array split does not result in an equal division");
            assertThatThrownBy(() -> np.arange(6, DType.FLOAT64).split(0, 0)).hasMessageStartingWith("split: number sections");
        }
    }

    @Nested
    class Shapes {
        @Test
        void flattenCopiesAndRavelViews() {
            Tensor m = np.arange(6, DType.FLOAT64).reshape(2, 3);
            Tensor copy = m.flatten();
            Tensor view = m.ravel();
            assertThat(copy.shape()).isEqualTo(Shape.of(6));
            m.set(-1, 0, 0);
            assertThat(copy.get(0)).isZero();
            assertThat(view.get(0)).isEqualTo(-1);
        }

        @Test
        void squeezeAndExpandDims() {
            Tensor z = np.zeros(1, 3, 1, 2);
            assertThat(z.squeeze().shape()).isEqualTo(Shape.of(3, 2));                 // np.squeeze(z).shape
            assertThat(z.squeeze(0, -2).shape()).isEqualTo(Shape.of(3, 2));            // np.squeeze(z, axis=(0, -2))
            assertThat(np.zeros(1, 1).squeeze().shape()).isEqualTo(Shape.scalar());   // ()
            assertThatThrownBy(() -> z.squeeze(1)).hasMessage("squeeze: cannot select an axis to squeeze out which"
                    + " has size not equal to one: axis 1 of shape (1,3,1,2)");
            assertThatThrownBy(() -> z.squeeze(0, 0)).hasMessage("squeeze: repeated axis 0 in [0, 0]");
            Tensor b = np.zeros(2, 3);
            assertThat(b.expandDims(0).shape()).isEqualTo(Shape.of(1, 2, 3));
            assertThat(b.expandDims(-1).shape()).isEqualTo(Shape.of(2, 3, 1));
            assertThat(b.expandDims(1).shape()).isEqualTo(Shape.of(2, 1, 3));
            assertThat(b.expandDims(-3).shape()).isEqualTo(Shape.of(1, 2, 3));
            assertThatThrownBy(() -> b.expandDims(3)).hasMessageStartingWith("expandDims: axis 3 is out of bounds");
            b.expandDims(0).set(4, 0, 1, 2);
            assertThat(b.get(1, 2)).isEqualTo(4);                                      // a view
        }

        @Test
        void astypeAlwaysCopies() {
            Tensor d = f64(0.1, 16_777_217.0);
            same(d.astype(DType.FLOAT32), 0.10000000149011612, 16777216.0);            // .astype(np.float32)
            Tensor same = d.astype(DType.FLOAT64);
            assertThat(same).isNotSameAs(d);
            same.set(0, 0);
            assertThat(d.get(0)).isEqualTo(0.1);
        }
    }
}
