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
import org.vecnn.spi.Backend;
import org.vecnn.spi.Broadcast;
import org.vecnn.spi.Op;

/** The broadcasting binary operations on ND4J's pairwise ops. */
final class Elementwise {
    private Elementwise() {
    }

    static void binary(Backend backend, Op op, Tensor a, Tensor b, Tensor out) {
        INDArray z = of(out).shaped();
        Nd4j.exec(op(op, broadcast(a, out), broadcast(b, out), z));
    }

    /**
     * {@code t} seen with {@code out}'s shape: itself when the shapes are equal, else a view with NumPy's
     * broadcast strides (0 along broadcast axes), so ND4J's own broadcasting rules never come into play.
     */
    private static INDArray broadcast(Tensor t, Tensor out) {
        Nd4jTensor nt = of(t);
        if (t.shape().equals(out.shape())) {
            return nt.shaped();
        }
        long[] dims = longs(out.shape().dims());
        long[] strides = longs(Broadcast.strides(t.shape(), out.shape()));
        INDArray flat = nt.flat();
        return Nd4j.create(flat.data(), dims.length == 0 ? new long[] {1} : dims,
                dims.length == 0 ? new long[] {1} : strides, 0, 'c', flat.dataType());
    }

    private static long[] longs(int[] values) {
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
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
