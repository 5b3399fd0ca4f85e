package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.DType;
import org.vecnn.IncompatibleTensorsException;
import org.vecnn.Shape;
import org.vecnn.ShapeException;
import org.vecnn.Tensor;
import org.vecnn.TensorArgumentException;
import org.vecnn.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.ProductPlan;
import org.vecnn.UnaryOp;

/**
 * Bad input gets an {@link IllegalArgumentException} subclass whose message names the operation and the
 * shapes, in NumPy's words, before anything reaches a kernel; never a crash, a wrong answer or a hang.
 */
interface ErrorContract extends TckContext {

    private DType dtype() {
        return supportedDTypes().get(0);
    }

    private Tensor zeros(int... dims) {
        return backend().zeros(Shape.of(dims), dtype());
    }

    @Test
    default void broadcastErrorsNameOperationAndShapes() {
        Backend b = backend();
        assertThatThrownBy(() -> b.add(zeros(2, 3), zeros(4)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("add: operands could not be broadcast together with shapes (2,3) (4,)");
        assertThatThrownBy(() -> b.multiply(zeros(2, 1, 3), zeros(4, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("multiply: operands could not be broadcast together with shapes (2,1,3) (4,2)");
        assertThatThrownBy(() -> b.add(zeros(0), zeros(2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(0,) (2,)");
        assertThatThrownBy(() -> b.subtract(zeros(3), zeros(2)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("subtract: ");
    }

    @Test
    default void productErrorsNameOperationAndShapes() {
        Backend b = backend();
        assertThatThrownBy(() -> b.matmul(zeros(2, 3), zeros(4, 5)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("matmul: shapes (2,3) and (4,5) are not aligned: 3 (dim 1) != 4 (dim 0)");
        assertThatThrownBy(() -> b.matmul(zeros(2, 3, 4), zeros(5, 4, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("matmul: ").hasMessageContaining("(2,3,4)").hasMessageContaining("(5,4,2)");
        assertThatThrownBy(() -> b.matmul(backend().zeros(Shape.scalar(), dtype()), zeros(2, 2)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("matmul: ").hasMessageContaining("()");
        assertThatThrownBy(() -> b.matmul(zeros(3), zeros(4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(3,) and (4,)");
        assertThatThrownBy(() -> b.dot(zeros(2, 3), zeros(4)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("dot: shapes (2,3) and (4,) are not aligned: 3 (dim 1) != 4 (dim 0)");
        assertThatThrownBy(() -> b.dot(zeros(2, 3), zeros(2, 4, 5)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("dot: ");
        assertThatThrownBy(() -> b.matmulTransposeA(zeros(3, 2), zeros(4, 2)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("matmulTransposeA: ");
        assertThatThrownBy(() -> b.matmulTransposeB(zeros(2, 3), zeros(2, 4)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("matmulTransposeB: ");
        assertThatThrownBy(() -> b.transpose(zeros(3)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("transpose: ");
    }

    @Test
    default void nullArgumentsAreRejected() {
        Backend b = backend();
        Tensor t = zeros(2, 2);
        List<Runnable> calls = List.of(
                () -> b.add(null, t), () -> b.add(t, null), () -> b.multiply(t, null), () -> b.matmul(null, t),
                () -> b.dot(t, null), () -> b.add(t, t, null), () -> b.matmul(t, t, null), () -> b.map(null, t),
                () -> b.map(UnaryOp.RELU, null), () -> b.sum(null, 0, false), () -> b.fromArray((float[]) null, 2),
                () -> b.fromArray(new double[1], (Shape) null), () -> b.zeros(null, dtype()),
                () -> b.zeros(Shape.of(1), null), () -> b.copy(t, null), () -> b.toDoubleArray(null),
                () -> t.add(null), () -> t.to(null), () -> t.as(null), () -> Shape.of((int[]) null));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(TensorArgumentException.class).hasMessageContaining("null");
        }
    }

    @Test
    default void invalidShapesAndDataAreRejected() {
        Backend b = backend();
        assertThatThrownBy(() -> Shape.of(2, -1))
                .isInstanceOf(ShapeException.class).hasMessageContaining("negative dimension -1 in (2,-1)");
        assertThatThrownBy(() -> b.fromArray(new float[4], 2, -2)).isInstanceOf(ShapeException.class);
        assertThatThrownBy(() -> b.zeros(Shape.of(65536, 65536), dtype()))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(65536,65536)");
        assertThatThrownBy(() -> Shape.of(46341, 46341)).isInstanceOf(ShapeException.class);
        assertThatThrownBy(() -> b.matmul(zeros(50000, 0), zeros(0, 50000)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(50000,50000)");
        assertThatThrownBy(() -> b.fromArray(new float[5], 2, 3))
                .isInstanceOf(ShapeException.class)
                .hasMessage("fromArray: data of length 5 does not fit shape (2,3) of 6 elements");
        assertThatThrownBy(() -> b.fromArray(new double[7], Shape.of(2, 3))).isInstanceOf(TensorArgumentException.class);
        assertThatThrownBy(() -> b.sum(zeros(2, 3), 2, false))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("sum: axis 2 is out of bounds");
        assertThatThrownBy(() -> b.max(zeros(2, 0), 1, false))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("max: ");
        assertThatThrownBy(() -> b.argmax(zeros(0, 3), 0))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("argmax: ");
        assertThatThrownBy(() -> zeros(2, 3).getDouble(2, 0))
                .isInstanceOf(TensorArgumentException.class).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> zeros(2, 3).getDouble(1))
                .isInstanceOf(TensorArgumentException.class).hasMessageContaining("rank 2");
        assertThatThrownBy(() -> b.axpy(1.0, zeros(2), zeros(3)))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("axpy: ");
    }

    @Test
    default void tensorsOfAnotherBackendOrDTypeAreRefusedWithAWayOut() {
        Backend b = backend();
        Tensor mine = zeros(2, 2);
        Tensor foreign = ForeignBackend.create().zeros(Shape.of(2, 2), dtype());
        assertThatThrownBy(() -> b.add(mine, foreign))
                .isInstanceOf(IncompatibleTensorsException.class).hasMessageStartingWith("add: ")
                .hasMessageContaining("tck-foreign").hasMessageContaining(".to(backend)");
        assertThatThrownBy(() -> mine.matmul(foreign)).isInstanceOf(IncompatibleTensorsException.class);
        assertThatThrownBy(() -> b.add(mine, mine, foreign)).isInstanceOf(IncompatibleTensorsException.class);
        if (supportedDTypes().size() == 2) {
            Tensor other = b.zeros(Shape.of(2, 2), DType.FLOAT64 == dtype() ? DType.FLOAT32 : DType.FLOAT64);
            assertThatThrownBy(() -> b.multiply(mine, other))
                    .isInstanceOf(IncompatibleTensorsException.class).hasMessageStartingWith("multiply: ")
                    .hasMessageContaining("as(DType");
            assertThatThrownBy(() -> b.add(mine, mine, other)).isInstanceOf(IncompatibleTensorsException.class);
        }
    }

    @Test
    default void unsupportedDTypesAreRefusedClearly() {
        for (DType dtype : DType.values()) {
            if (!backend().capabilities().supports(dtype)) {
                assertThatThrownBy(() -> backend().zeros(Shape.of(2), dtype))
                        .isInstanceOf(IncompatibleTensorsException.class).hasMessageContaining(dtype.numpyName());
            }
        }
    }

    @Test
    default void outputsMustFitAndProductsMustNotOverwriteTheirOperands() {
        Backend b = backend();
        Tensor a = zeros(2, 2);
        assertThatThrownBy(() -> b.add(a, a, zeros(2, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("add: out has shape (2,3) but the result has shape (2,2)");
        assertThatThrownBy(() -> b.matmul(a, a, zeros(2, 1))).isInstanceOf(ShapeException.class);
        assertThatThrownBy(() -> b.matmul(a, zeros(2, 2), a))
                .isInstanceOf(TensorArgumentException.class).hasMessageStartingWith("matmul: out ").hasMessageContaining("is one of the operands");
        assertThatThrownBy(() -> b.transpose(a, a)).isInstanceOf(TensorArgumentException.class);
        assertThatThrownBy(() -> b.copyFrom(new float[3], a)).isInstanceOf(TensorArgumentException.class);
    }

    /**
     * Random shape pairs, compatible or not (ranks 0 to 4, sizes 0 to 3, seeded by the run's seed): a result of
     * NumPy's shape or a ShapeException, nothing else. A plain seeded loop, not a property-test engine, so the
     * TCK brings no second test engine into its users' builds (which ran every class twice and wrote a state file
     * into their projects).
     */
    @Test
    default void anyShapesGiveTheNumpyResultOrAShapeError() {
        Backend b = backend();
        java.util.Random random = new java.util.Random(seedFor("anyShapes"));
        for (int trial = 0; trial < 300; trial++) {
            Shape sa = randomShape(random);
            Shape sb = randomShape(random);
            Tensor x = b.zeros(sa, dtype());
            Tensor y = b.zeros(sb, dtype());
            for (Op op : List.of(Op.ADD, Op.MULTIPLY, Op.MATMUL, Op.DOT)) {
                String context = op + " " + dtype().numpyName() + " " + sa + " " + sb;
                Shape expected;
                try {
                    expected = expectedShape(op, sa, sb);
                } catch (ShapeException e) {
                    assertThatThrownBy(() -> Oracle.apply(op, x, y)).as(context).isInstanceOf(ShapeException.class)
                            .hasMessageStartingWith(op.name().toLowerCase(java.util.Locale.ROOT) + ": ");
                    continue;
                }
                assertThat(Oracle.onBackend(context, "the allocating form", () -> Oracle.apply(op, x, y)).shape())
                        .as(context).isEqualTo(expected);
            }
        }
    }

    private static Shape randomShape(java.util.Random random) {
        int[] dims = new int[random.nextInt(5)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = random.nextInt(4);
        }
        return Shape.of(dims);
    }

    private static Shape expectedShape(Op op, Shape a, Shape b) {
        switch (op) {
            case MATMUL: return ProductPlan.matmul("matmul", a, b).resultShape();
            case DOT:
                if (a.rank() == 0 || b.rank() == 0) {
                    return Broadcast.shape("dot", a, b);
                }
                return Broadcast.dot("dot", a, b);
            default: return Broadcast.shape(op.name(), a, b);
        }
    }

    @Test
    default void allocationsBeyondTheBackendsMemoryAreRefusedBeforeCommittingIt() {
        Backend b = backend();
        DType wide = supportedDTypes().contains(DType.FLOAT64) ? DType.FLOAT64 : DType.FLOAT32;
        int elements = Integer.MAX_VALUE - 8 - 1;
        long bytes = (long) elements * wide.byteSize();
        assumeTrue(Runtime.getRuntime().maxMemory() < bytes / 2,
                "needs a heap (-Xmx) under half of " + bytes + " bytes, so that the backend cannot hold the tensor");
        assertThatThrownBy(() -> b.zeros(Shape.of(elements), wide)).isInstanceOf(TensorArgumentException.class)
                .hasMessageStartingWith("zeros: a " + wide.numpyName() + " result of shape (" + elements + ",) needs "
                        + bytes + " bytes")
                .hasMessageContaining("more than backend '" + b.name() + "' can allocate now: ");
        int n = 46_000;
        Tensor column = b.zeros(Shape.of(n, 1), wide);
        Tensor row = b.zeros(Shape.of(1, n), wide);
        assertThatThrownBy(() -> b.matmul(column, row)).isInstanceOf(TensorArgumentException.class)
                .hasMessageStartingWith("matmul: a " + wide.numpyName() + " result of shape (46000,46000) needs");
        assertThatThrownBy(() -> b.add(column, row)).isInstanceOf(TensorArgumentException.class)
                .hasMessageStartingWith("add: a " + wide.numpyName() + " result of shape (46000,46000) needs");
    }

    @Test
    default void unaryParametersMustBeFinite() {
        assertThatThrownBy(() -> UnaryOp.leakyRelu(Double.NaN)).isInstanceOf(TensorArgumentException.class)
                .hasMessage("leakyRelu: slope must be finite, got NaN");
        assertThatThrownBy(() -> UnaryOp.leakyReluDerivative(Double.POSITIVE_INFINITY))
                .isInstanceOf(TensorArgumentException.class).hasMessageStartingWith("leakyReluDerivative: ");
    }
}
