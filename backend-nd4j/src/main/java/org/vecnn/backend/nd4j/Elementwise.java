package org.vecnn.backend.nd4j;

import static org.vecnn.backend.nd4j.Nd4jStorage.of;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.spi.BinaryOp;
import org.vecnn.spi.BroadcastPlan;
import org.vecnn.spi.Storage;

/** The broadcasting binary operations on ND4J's pairwise ops, writing into the given output. */
final class Elementwise {
    private Elementwise() {
    }

    /**
     * {@code out = a op b}. Every operand is seen with the result's rank (size-1 dimensions prepended): with
     * equal ranks ND4J's broadcasting is NumPy's (each dimension equal or 1); it differs where ranks differ,
     * and ND4J's loops over a stride-0 view are far slower.
     */
    static void binary(BinaryOp op, BroadcastPlan plan, Storage a, Storage b, Storage out) {
        int rank = plan.result().rank();
        INDArray x = of(a).viewAs(plan.aShape(), rank);
        INDArray y = of(b).viewAs(plan.bShape(), rank);
        INDArray z = of(out).viewAs(plan.result(), rank);
        Nd4j.exec(op(op, x, y, z));
    }

    private static CustomOp op(BinaryOp op, INDArray x, INDArray y, INDArray z) {
        return switch (op) {
            case ADD -> new AddOp(x, y, z);
            case SUBTRACT -> new SubOp(x, y, z);
            case MULTIPLY -> new MulOp(x, y, z);
            case DIVIDE -> new DivOp(x, y, z);
        };
    }
}
