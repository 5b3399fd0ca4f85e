package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;

/**
 * The shapes where implementations go wrong, with the result shapes NumPy gives for them: rank-0 operands,
 * size-1 and size-0 dimensions, prepended dimensions, 1-D promotion in matmul, broadcast batches, empty
 * contractions (which give zeros), every form of np.dot; and in-place elementwise updates.
 */
interface EdgeCaseContract extends TckContext {

    /** An operand pair and the result shape NumPy gives for it. */
    final class Expectation {
        final Shape a;
        final Shape b;
        final Shape result;

        Expectation(Shape a, Shape b, Shape result) {
            this.a = a;
            this.b = b;
            this.result = result;
        }
    }

    private static Expectation numpy(int[] a, int[] b, int... result) {
        return new Expectation(Shape.of(a), Shape.of(b), Shape.of(result));
    }

    private static int[] s(int... dims) {
        return dims;
    }

    List<Expectation> BROADCASTS = List.of(
            numpy(s(), s(), s()),
            numpy(s(), s(2, 3), 2, 3),
            numpy(s(2, 3), s(), 2, 3),
            numpy(s(3, 1), s(1, 4), 3, 4),
            numpy(s(4), s(3, 4), 3, 4),
            numpy(s(3, 4), s(4), 3, 4),
            numpy(s(2, 1, 3), s(4, 1), 2, 4, 3),
            numpy(s(1, 1, 1), s(2), 1, 1, 2),
            numpy(s(0), s(1), 0),
            numpy(s(1), s(0), 0),
            numpy(s(0, 3), s(3), 0, 3),
            numpy(s(2, 0), s(2, 1), 2, 0),
            numpy(s(5, 1, 3), s(1, 0, 1), 5, 0, 3),
            numpy(s(), s(0), 0),
            numpy(s(6, 1, 5, 1), s(7, 1, 4), 6, 7, 5, 4));

    List<Expectation> MATMULS = List.of(
            numpy(s(3), s(3)),
            numpy(s(3), s(3, 4), 4),
            numpy(s(2, 3), s(3), 2),
            numpy(s(2, 3), s(3, 4), 2, 4),
            numpy(s(5, 2, 3), s(3, 4), 5, 2, 4),
            numpy(s(2, 3), s(5, 3, 4), 5, 2, 4),
            numpy(s(2, 1, 2, 3), s(5, 3, 4), 2, 5, 2, 4),
            numpy(s(4, 2, 3), s(3), 4, 2),
            numpy(s(3), s(4, 3, 2), 4, 2),
            numpy(s(3, 0), s(0, 4), 3, 4),
            numpy(s(0), s(0)),
            numpy(s(0, 3), s(3, 4), 0, 4),
            numpy(s(3, 4), s(4, 0), 3, 0),
            numpy(s(0, 2, 3), s(3, 4), 0, 2, 4),
            numpy(s(2, 5, 0), s(1, 0, 3), 2, 5, 3),
            numpy(s(1, 1), s(1, 1), 1, 1));

    List<Expectation> DOTS = List.of(
            numpy(s(), s(2, 3), 2, 3),
            numpy(s(2, 3), s(), 2, 3),
            numpy(s(3), s(3)),
            numpy(s(2, 3), s(3, 4), 2, 4),
            numpy(s(2, 4, 3), s(3), 2, 4),
            numpy(s(3), s(3, 4), 4),
            numpy(s(2, 3), s(4, 3, 5), 2, 4, 5),
            numpy(s(0), s(0)),
            numpy(s(2, 0), s(0), 2),
            numpy(s(2, 0), s(0, 3), 2, 3),
            numpy(s(2, 3), s(2, 3, 0), 2, 2, 0));

    @Test
    default void broadcastShapesAndValues() {
        check(List.of(Op.ADD, Op.MULTIPLY, Op.SUBTRACT, Op.DIVIDE), BROADCASTS, "broadcast-edges");
    }

    @Test
    default void matmulShapesAndValues() {
        check(List.of(Op.MATMUL), MATMULS, "matmul-edges");
    }

    @Test
    default void dotShapesAndValues() {
        check(List.of(Op.DOT), DOTS, "dot-edges");
    }

    private void check(List<Op> ops, List<Expectation> expectations, String name) {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor(name + "/" + dtype));
            for (Op op : ops) {
                for (Expectation e : expectations) {
                    double[] x = cases.values(e.a.size(), dtype);
                    double[] y = cases.values(e.b.size(), dtype);
                    Tensor result = Oracle.apply(op, backend().fromArray(x, e.a, dtype), backend().fromArray(y, e.b, dtype));
                    assertThat(result.shape()).as(op + " " + e.a + " " + e.b).isEqualTo(e.result);
                    oracle().checkBinary(op, dtype, e.a, x, e.b, y);
                }
            }
        }
    }

    @Test
    default void emptyContractionsGivePositiveZeros() {
        for (DType dtype : supportedDTypes()) {
            Tensor a = backend().zeros(Shape.of(3, 0), dtype);
            Tensor b = backend().zeros(Shape.of(0, 4), dtype);
            Tensor out = backend().full(Shape.of(3, 4), dtype, Double.NaN);
            backend().matmul(a, b, out);
            Compare.identical("matmul (3,0)(0,4) out=", out.toDoubleArray(), new double[12]);
            Tensor dotted = backend().dot(backend().zeros(Shape.of(0), dtype), backend().zeros(Shape.of(0), dtype));
            assertThat(dotted.shape()).isEqualTo(Shape.scalar());
            Compare.identical("dot (0,)(0,)", dotted.toDoubleArray(), new double[1]);
            Tensor summed = backend().sum(backend().zeros(Shape.of(2, 0), dtype), 1, false);
            Compare.identical("sum over an empty axis", summed.toDoubleArray(), new double[2]);
        }
    }

    @Test
    default void elementwiseOperationsWorkInPlace() {
        for (DType dtype : supportedDTypes()) {
            Cases cases = new Cases(seedFor("in-place/" + dtype));
            Shape full = Shape.of(3, 4);
            Shape row = Shape.of(4);
            double[] x = cases.values(full.size(), dtype);
            double[] y = cases.values(row.size(), dtype);
            for (Op op : List.of(Op.ADD, Op.MULTIPLY, Op.SUBTRACT, Op.DIVIDE)) {
                double[] want = Oracle.apply(op, reference().fromArray(x, full, dtype), reference().fromArray(y, row, dtype)).toDoubleArray();
                Tensor a = backend().fromArray(x, full, dtype);
                Oracle.applyInto(op, a, backend().fromArray(y, row, dtype), a);
                Compare.identical(op + " " + dtype + " with out = a", a.toDoubleArray(), want);
                Tensor b = backend().fromArray(x, full, dtype);
                Tensor c = backend().fromArray(x, full, dtype);
                Oracle.applyInto(op, b, c, c);
                double[] same = Oracle.apply(op, reference().fromArray(x, full, dtype), reference().fromArray(x, full, dtype)).toDoubleArray();
                Compare.identical(op + " " + dtype + " with out = b", c.toDoubleArray(), same);
            }
        }
    }

    @Test
    default void dataRoundTripsAndElementsAreAddressable() {
        for (DType dtype : supportedDTypes()) {
            double[] x = new Cases(seedFor("round-trip/" + dtype)).values(24, dtype);
            Tensor t = backend().fromArray(x, Shape.of(2, 3, 4), dtype);
            Compare.identical("round trip " + dtype, t.toDoubleArray(), x);
            assertThat(t.getDouble(1, 2, 3)).isEqualTo(x[23]);
            assertThat(t.getDouble(-1, 0, -4)).isEqualTo(x[12]);
            assertThat(Compare.sameValue(t.getDouble(0, 1, 2), x[6])).isTrue();
            Tensor scalar = backend().scalar(2.5, dtype);
            assertThat(scalar.shape()).isEqualTo(Shape.scalar());
            assertThat(scalar.getDouble()).isEqualTo(2.5);
            float[] replacement = new float[24];
            double[] replacement64 = new double[24];
            for (int i = 0; i < 24; i++) {
                replacement[i] = i - 12.5f;
                replacement64[i] = i - 12.5;
            }
            if (dtype == DType.FLOAT32) {
                backend().copyFrom(replacement, t);
            } else {
                backend().copyFrom(replacement64, t);
            }
            Compare.identical("copyFrom " + dtype, t.toDoubleArray(), replacement64);
            assertThat(t.as(dtype)).isSameAs(t);
            assertThat(t.to(backend())).isSameAs(t);
        }
    }

    @Test
    default void tensorsMoveBetweenBackendsAndDTypes() {
        double[] x = {1.0, -0.0, 0.1, Double.NaN, Double.MIN_VALUE, 1e300};
        for (DType dtype : supportedDTypes()) {
            Tensor t = backend().fromArray(x, Shape.of(2, 3), dtype);
            Tensor moved = t.to(reference());
            assertThat(moved.backend()).isSameAs(reference());
            Compare.identical("to(reference) " + dtype, moved.toDoubleArray(), t.toDoubleArray());
            Compare.identical("back to(backend) " + dtype, moved.to(backend()).toDoubleArray(), t.toDoubleArray());
        }
        if (supportedDTypes().size() == 2) {
            Tensor wide = backend().fromArray(x, 2, 3);
            float[] narrowed = wide.as(DType.FLOAT32).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertThat(Compare.sameValue(narrowed[i], (float) x[i])).as("as(FLOAT32) element " + i).isTrue();
            }
            Compare.identical("as(FLOAT64)", wide.as(DType.FLOAT32).as(DType.FLOAT64).toDoubleArray(),
                    reference().fromArray(x, Shape.of(2, 3), DType.FLOAT32).toDoubleArray());
        }
    }
}
