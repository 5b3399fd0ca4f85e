package org.vecnn.backend.nd4j;

import static org.vecnn.backend.nd4j.Nd4jTensor.of;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.Tensor;
import org.vecnn.spi.Op;

/** The broadcasting binary operations on ND4J's pairwise ops, writing into the given output. */
final class Elementwise {
    private Elementwise() {
    }

    static void binary(Op op, Tensor a, Tensor b, Tensor out) {
        INDArray z = of(out).shaped();
        Nd4j.exec(op(op, broadcast(a, out), broadcast(b, out), z));
    }

    /**
     * {@code t} seen with {@code out}'s rank: itself when the ranks are equal, else a (cached) view of its buffer
     * with size-1 dimensions prepended. With equal ranks ND4J's broadcasting is NumPy's (each dimension equal or 1);
     * it differs where ranks differ, and ND4J's loops over a stride-0 view are a hundred times slower.
     */
    private static INDArray broadcast(Tensor t, Tensor out) {
        Nd4jTensor nt = of(t);
        if (t.rank() == out.rank()) {
            return nt.shaped();
        }
        return nt.withRank(Math.max(1, out.rank()));
    }

    private static CustomOp op(Op op, INDArray x, INDArray y, INDArray z) {
        switch (op) {
            case ADD: return new AddOp(x, y, z);
            case SUBTRACT: return new SubOp(x, y, z);
            case MULTIPLY: return new MulOp(x, y, z);
            case DIVIDE: return new DivOp(x, y, z);
            default: throw new IllegalArgumentException("not an elementwise binary operation: " + op);
        }
    }
}
