package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vecnn.Backend;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.TensorArgumentException;
import org.vecnn.UnaryOp;

/**
 * Outputs that share memory with an operand. Views ({@code reshape}) share their base's memory, so an output may
 * be a view of an operand, a view of a view, or an operand may be a view of the output. Every {@code out=} form
 * that reads its operands after writing its output (products, reductions along an axis, transposes, the fused
 * dense steps) refuses such an output with a message naming the operation, before anything is written; every
 * elementwise form, which reads each element before writing it, computes exactly what it computes into a tensor
 * of its own.
 */
interface AliasingContract extends TckContext {

    /** The ways one tensor can share the memory of another. */
    enum Overlap {
        /** The output is a reshape of the operand. */
        VIEW_OF_OPERAND,
        /** The output is a reshape of a reshape of the operand. */
        VIEW_OF_VIEW,
        /** The operand is a reshape of the output. */
        OPERAND_IS_VIEW_OF_OUTPUT
    }

    /** A base of {@code size} distinct small integers (exact in every dtype), offset by {@code seed}. */
    private Tensor base(DType dtype, int seed, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = (i * 7 + seed * 3) % 11 - 5;
        }
        return backend().fromArray(values, org.vecnn.Shape.of(size), dtype);
    }

    /** Two tensors over one storage: {@code operand} of {@code operandDims}, {@code out} of {@code outDims}. */
    private Tensor[] overlapping(Overlap overlap, Tensor base, int[] operandDims, int[] outDims) {
        return switch (overlap) {
            case VIEW_OF_OPERAND -> {
                Tensor operand = base.reshape(operandDims);
                yield new Tensor[] {operand, operand.reshape(outDims)};
            }
            case VIEW_OF_VIEW -> {
                Tensor operand = base.reshape(operandDims);
                yield new Tensor[] {operand, operand.reshape(-1).reshape(outDims)};
            }
            case OPERAND_IS_VIEW_OF_OUTPUT -> {
                Tensor out = base.reshape(outDims);
                yield new Tensor[] {out.reshape(operandDims), out};
            }
        };
    }

    /** One refused {@code out=} call: the operand that overlaps and a call that writes into {@code out}. */
    interface Refused {
        void call(Backend b, Tensor operand, Tensor out, Tensor other);
    }

    private void assertRefused(String op, int[] operandDims, int[] outDims, int[] otherDims, Refused call) {
        for (DType dtype : supportedDTypes()) {
            for (Overlap overlap : Overlap.values()) {
                int size = 1;
                for (int d : operandDims) {
                    size *= d;
                }
                Tensor base = base(dtype, 1, size);
                Tensor other = base(dtype, 2, product(otherDims)).reshape(otherDims);
                Tensor[] pair = overlapping(overlap, base, operandDims, outDims);
                double[] before = base.toDoubleArray();
                assertThatThrownBy(() -> call.call(backend(), pair[0], pair[1], other))
                        .as("%s, %s, %s", op, dtype, overlap)
                        .isInstanceOf(TensorArgumentException.class)
                        .hasMessageStartingWith(op + ": ")
                        .hasMessageContaining("shares memory");
                assertThat(base.toDoubleArray()).as("%s wrote before refusing (%s, %s)", op, dtype, overlap)
                        .containsExactly(before);
            }
        }
    }

    private static int product(int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    @Test
    default void productsRefuseAnOutputThatSharesMemoryWithAnOperand() {
        // The example: matmul(a, a.reshape(2, 2), out = a.reshape(2, 2)) once gave [7, 22, 33, 742].
        assertRefused("matmul", new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 2},
                (b, x, out, y) -> b.matmul(x, y, out));
        assertRefused("matmul", new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 2},
                (b, x, out, y) -> b.matmul(y, x, out));
        assertRefused("matmul", new int[] {2, 3, 3}, new int[] {2, 3, 3}, new int[] {3, 3},
                (b, x, out, y) -> b.matmul(y, x, out));
        assertRefused("dot", new int[] {3, 3}, new int[] {3, 3}, new int[] {3, 3},
                (b, x, out, y) -> b.dot(x, y, out));
        assertRefused("dot", new int[] {3}, new int[] {3}, new int[] {3, 3},
                (b, x, out, y) -> b.dot(y, x, out));
        assertRefused("matmulTransposeA", new int[] {3, 3}, new int[] {3, 3}, new int[] {3, 3},
                (b, x, out, y) -> b.matmulTransposeA(x, y, out));
        assertRefused("matmulTransposeB", new int[] {2, 3}, new int[] {3, 2}, new int[] {3, 3},
                (b, x, out, y) -> b.matmulTransposeB(y, x, out));
        assertRefused("addProduct", new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 2},
                (b, x, out, y) -> b.addProduct(1.0, x, false, y, false, out));
        assertRefused("addProduct", new int[] {2, 2}, new int[] {4}, new int[] {2, 2},
                (b, x, out, y) -> b.addProduct(1.0, y, true, out.reshape(2, 2), false, x));
    }

    @Test
    default void denseStepsRefuseOutputsThatShareMemoryWithAnOperand() {
        Tensor bias = backend().zeros(org.vecnn.Shape.of(2), supportedDTypes().get(0));
        assertRefused("denseForward", new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 2},
                (b, x, out, w) -> b.denseForward(x, w, bias.as(x.dtype()), null, out, null));
        assertRefused("denseForward", new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 2},
                (b, w, out, x) -> b.denseForward(x, w, bias.as(x.dtype()), null, out, null));
        assertRefused("denseForward", new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 2},
                (b, x, out, w) -> b.denseForward(x, w, bias.as(x.dtype()), UnaryOp.RELU,
                        b.zeros(out.shape(), out.dtype()), out));
        assertRefused("denseForward", new int[] {2}, new int[] {1, 2}, new int[] {2, 2},
                (b, bias2, out, w) -> b.denseForward(b.ones(org.vecnn.Shape.of(1, 2), w.dtype()), w, bias2,
                        null, out, null));
        assertRefused("activationBackward", new int[] {2, 3}, new int[] {3, 2}, new int[] {3, 2},
                (b, z, out, g) -> b.activationBackward(UnaryOp.RELU_DERIVATIVE, z.reshape(3, 2), g, out));
    }

    @Test
    default void reductionsAndTransposesRefuseAnOutputThatSharesMemoryWithTheirOperand() {
        // The example: transpose(t, t.reshape(3, 2)) once gave [1, 4, 2, 2, 2, 6].
        assertRefused("transpose", new int[] {2, 3}, new int[] {3, 2}, new int[] {1},
                (b, x, out, unused) -> b.transpose(x, out));
        assertRefused("transpose", new int[] {2, 2, 3}, new int[] {2, 3, 2}, new int[] {1},
                (b, x, out, unused) -> b.transpose(x, out));
        // An output smaller than its operand cannot be a reshape of it; a reshape of a tensor of the result's
        // size still shares memory when the operand is itself a view of that tensor's base.
        assertRefused("sum", new int[] {1, 4}, new int[] {4}, new int[] {1},
                (b, x, out, unused) -> b.sum(x, 0, false, out));
        assertRefused("max", new int[] {4, 1}, new int[] {4}, new int[] {1},
                (b, x, out, unused) -> b.max(x, 1, false, out));
        assertRefused("sum", new int[] {3, 1}, new int[] {3, 1}, new int[] {1},
                (b, x, out, unused) -> b.sum(x, 1, true, out));
    }

    /** One elementwise {@code out=} call, and the same computed into a fresh tensor. */
    record InPlace(String name, java.util.function.BiConsumer<Tensor[], Tensor> into,
            Function<Tensor[], Tensor> fresh) {
    }

    private List<InPlace> inPlaceForms() {
        Backend b = backend();
        List<InPlace> forms = new ArrayList<>();
        forms.add(new InPlace("add", (x, out) -> b.add(x[0], x[1], out), x -> b.add(x[0], x[1])));
        forms.add(new InPlace("subtract", (x, out) -> b.subtract(x[1], x[0], out), x -> b.subtract(x[1], x[0])));
        forms.add(new InPlace("multiply", (x, out) -> b.multiply(x[0], x[1], out), x -> b.multiply(x[0], x[1])));
        forms.add(new InPlace("divide", (x, out) -> b.divide(x[1], x[0], out), x -> b.divide(x[1], x[0])));
        forms.add(new InPlace("scale", (x, out) -> b.scale(x[0], 2.5, out), x -> b.scale(x[0], 2.5)));
        forms.add(new InPlace("map", (x, out) -> b.map(UnaryOp.TANH, x[0], out), x -> b.map(UnaryOp.TANH, x[0])));
        forms.add(new InPlace("copy", (x, out) -> b.copy(x[0], out), x -> b.add(x[0], b.zeros(x[0].shape(), x[0].dtype()))));
        forms.add(new InPlace("activationBackward", (x, out) -> b.activationBackward(UnaryOp.RELU_DERIVATIVE, x[1], x[0], out),
                x -> {
                    Tensor out = b.zeros(x[0].shape(), x[0].dtype());
                    b.activationBackward(UnaryOp.RELU_DERIVATIVE, x[1], x[0], out);
                    return out;
                }));
        return forms;
    }

    @Test
    default void elementwiseFormsWriteExactlyInPlaceThroughViews() {
        for (DType dtype : supportedDTypes()) {
            for (InPlace form : inPlaceForms()) {
                for (Overlap overlap : Overlap.values()) {
                    Tensor base = base(dtype, 1, 12);
                    Tensor[] pair = overlapping(overlap, base, new int[] {3, 4}, new int[] {3, 4});
                    Tensor other = base(dtype, 4, 12).reshape(3, 4).add(0.5);
                    double[] expected = form.fresh().apply(new Tensor[] {pair[0], other}).toDoubleArray();
                    form.into().accept(new Tensor[] {pair[0], other}, pair[1]);
                    assertThat(pair[1].toDoubleArray()).as("%s into %s, %s", form.name(), overlap, dtype)
                            .containsExactly(expected);
                }
            }
        }
    }
}
