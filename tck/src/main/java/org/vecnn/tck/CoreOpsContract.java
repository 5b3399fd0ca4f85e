package org.vecnn.tck;

import org.junit.jupiter.api.Test;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tolerances;

/**
 * The four core operations on {@link TckContext#generatedCases()} generated operand pairs per dtype: random
 * ranks and broadcasts, size-1 and size-0 dimensions, 1-D promotion, batches, every form of np.dot. Values
 * are checked against the reference (elementwise bit for bit, products within {@link Tolerances#sumOfTerms}),
 * in both the allocating and the {@code out=} form.
 */
interface CoreOpsContract extends TckContext {

    @Test
    default void matmulFloat32() {
        generated(Op.MATMUL, DType.FLOAT32);
    }

    @Test
    default void matmulFloat64() {
        generated(Op.MATMUL, DType.FLOAT64);
    }

    @Test
    default void dotFloat32() {
        generated(Op.DOT, DType.FLOAT32);
    }

    @Test
    default void dotFloat64() {
        generated(Op.DOT, DType.FLOAT64);
    }

    @Test
    default void addFloat32() {
        generated(Op.ADD, DType.FLOAT32);
    }

    @Test
    default void addFloat64() {
        generated(Op.ADD, DType.FLOAT64);
    }

    @Test
    default void multiplyFloat32() {
        generated(Op.MULTIPLY, DType.FLOAT32);
    }

    @Test
    default void multiplyFloat64() {
        generated(Op.MULTIPLY, DType.FLOAT64);
    }

    private void generated(Op op, DType dtype) {
        assumeSupported(dtype);
        Cases cases = new Cases(seedFor(op + "/" + dtype));
        Oracle oracle = oracle();
        for (int i = 0; i < generatedCases(); i++) {
            Shape[] shapes = op == Op.MATMUL ? cases.matmulPair()
                    : op == Op.DOT ? cases.dotPair()
                    : cases.broadcastPair();
            oracle.checkBinary(op, dtype, shapes[0], cases.values(shapes[0].size(), dtype),
                    shapes[1], cases.values(shapes[1].size(), dtype));
        }
    }
}
