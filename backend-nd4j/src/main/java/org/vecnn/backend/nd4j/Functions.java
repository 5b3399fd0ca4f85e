package org.vecnn.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.transforms.strict.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.UnaryOp;

/**
 * The {@link UnaryOp}s ND4J computes as {@link UnaryOp#apply} defines them; the others are left to the caller.
 * Left out because ND4J's results differ: ReLU and its derivative and the leaky ones (ND4J keeps {@code -0.0}
 * or maps NaN to 0), and float64 tanh (loses the sign of {@code -0.0}).
 */
final class Functions {
    private Functions() {
    }

    /** Computes {@code out = op(a)} on ND4J and returns true, or returns false if ND4J has no faithful op. */
    static boolean apply(UnaryOp op, INDArray a, INDArray out) {
        Op nd = op(op, a, out);
        if (nd == null) {
            return false;
        }
        Nd4j.getExecutioner().exec(nd);
        return true;
    }

    private static Op op(UnaryOp op, INDArray a, INDArray out) {
        switch (op.kind()) {
            case NEGATE: return new Negative(a, out);
            case ABS: return new Abs(a, out);
            case SQUARE: return new Square(a, out);
            case SQRT: return new Sqrt(a, out);
            case EXP: return new Exp(a, out);
            case LOG: return new Log(a, out);
            case SIGMOID: return new Sigmoid(a, out);
            case SIGMOID_DERIVATIVE: return new SigmoidDerivative(a, out);
            // libnd4j's double tanh turns -0.0 into +0.0; its float tanh keeps the sign.
            case TANH: return a.dataType() == DataType.FLOAT ? new Tanh(a, out) : null;
            case TANH_DERIVATIVE: return new TanhDerivative(a, out);
            default: return null;
        }
    }
}
