package org.vecnn.backend.nd4j;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.TensorArgumentException;
import org.vecnn.Backend;
import org.vecnn.UnaryOp;

/**
 * Random malformed calls (wrong lengths, negative or overflowing dimensions, shapes that do not broadcast or
 * align, outputs of the wrong shape or dtype, tensors of another backend, operands aliased with a product's
 * output, axes out of range) end in an {@link IllegalArgumentException} or, where they happen to be valid, in
 * a result: never in another exception from ND4J, and never in a crashed JVM.
 */
class Nd4jMalformedInputTest {
    private static final Backend ND4J = Backends.get("nd4j");
    private static final Backend LOOPS = Backends.get("loops");

    @Provide
    Arbitrary<int[]> dims() {
        // 65536 overflows the int element count once squared, yet keeps every valid shape at 32 MB or less.
        Arbitrary<Integer> dim = Arbitraries.oneOf(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(-3, -1), Arbitraries.just(65_536));
        return dim.array(int[].class).ofMaxSize(4);
    }

    @Property(tries = 400)
    void malformedCallsFailCleanly(@ForAll("dims") int[] da, @ForAll("dims") int[] db, @ForAll("dims") int[] dOut,
            @ForAll @IntRange(min = 0, max = 13) int call, @ForAll @IntRange(min = -6, max = 6) int axis,
            @ForAll boolean float64, @ForAll @IntRange(min = -2, max = 2) int lengthError) {
        DType dtype = float64 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor a = tensorOrNull(da, dtype);
        Tensor b = tensorOrNull(db, dtype);
        Tensor out = tensorOrNull(dOut, float64 && axis % 2 == 0 ? DType.FLOAT32 : dtype);
        Shape bShape = b == null ? Shape.of(2, 1) : b.shape();
        expectCleanOutcome(() -> {
            switch (call) {
                case 0 -> ND4J.fromArray(new float[Math.max(0, Shape.of(da).size() + lengthError)], da);
                case 1 -> ND4J.add(a, b);
                case 2 -> ND4J.multiply(a, b, out);
                case 3 -> ND4J.matmul(a, b);
                case 4 -> ND4J.matmul(a, b, out);
                case 5 -> ND4J.dot(a, b, out);
                case 6 -> ND4J.matmul(a, a, a);
                case 7 -> ND4J.add(a, LOOPS.zeros(bShape, dtype));
                case 8 -> ND4J.sum(a, axis, axis > 0, out);
                case 9 -> ND4J.max(a, axis, false);
                case 10 -> ND4J.matmulTransposeA(a, b, out);
                case 11 -> ND4J.map(UnaryOp.SIGMOID, a, out);
                case 12 -> ND4J.axpy(0.5, a, b);
                default -> ND4J.subtract(a, ND4J.zeros(bShape, float64 ? DType.FLOAT32 : DType.FLOAT64));
            }
        });
    }

    /** A tensor of {@code dims}, or null (itself a malformed argument) when the dims are not a valid shape. */
    private static Tensor tensorOrNull(int[] dims, DType dtype) {
        try {
            return ND4J.zeros(Shape.of(dims), dtype);
        } catch (TensorArgumentException invalidShape) {
            return null;
        }
    }

    private static void expectCleanOutcome(Runnable call) {
        try {
            call.run();
        } catch (TensorArgumentException expected) {
            // vecnn's validation answered before ND4J was called; anything else, ND4J's own
            // IllegalArgumentException included, propagates and fails the property
        }
    }
}
