package org.vecnn.nn;

import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.UnaryOp;

/**
 * The loss and its gradient with respect to the last layer's pre-activation {@code z}, for one batch size:
 * whole-batch operations into tensors allocated once, and one scalar read back.
 */
final class OutputHead {
    private final Backend backend;
    private final Loss loss;
    private final Activation activation;
    private final int rows;
    private final int columns;
    private final Tensor scratch;
    private final Tensor scratch2;
    private final Tensor rowTotals;
    private final Tensor total;
    private final Tensor one;

    OutputHead(Backend backend, DType dtype, Loss loss, Activation activation, int rows, int columns) {
        this.backend = backend;
        this.loss = loss;
        this.activation = activation;
        this.rows = rows;
        this.columns = columns;
        Shape matrix = Shape.of(rows, columns);
        this.scratch = backend.zeros(matrix, dtype);
        this.scratch2 = backend.zeros(matrix, dtype);
        this.rowTotals = backend.zeros(Shape.of(rows), dtype);
        this.total = backend.zeros(Shape.scalar(), dtype);
        this.one = backend.scalar(1.0, dtype);
    }

    /** Releases the scratch tensors' memory. */
    void close() {
        LayerBuffers.closeAll(scratch, scratch2, rowTotals, total, one);
    }

    /**
     * The mean loss of the batch, and {@code dz = ∂loss/∂z}. {@code a} holds the activation of {@code z}
     * (read only by {@link Loss#MSE}), except for {@link Loss#CROSS_ENTROPY}, whose one fused call writes the
     * softmax into {@code a} itself (see {@link #activatesOutput}).
     */
    double lossAndGradient(Tensor z, Tensor a, Tensor y, Tensor dz) {
        switch (loss) {
            case CROSS_ENTROPY: return backend.softmaxCrossEntropy(z, y, a, dz);
            case BINARY_CROSS_ENTROPY: return sigmoidCrossEntropy(z, y, dz);
            case MSE: return meanSquaredError(z, a, y, dz);
            default: throw new AssertionError(loss);
        }
    }

    /** Whether {@link #lossAndGradient} computes the output layer's activation itself (softmax with its loss). */
    boolean activatesOutput() {
        return loss == Loss.CROSS_ENTROPY;
    }

    private double sigmoidCrossEntropy(Tensor z, Tensor y, Tensor dz) {
        backend.map(UnaryOp.ABS, z, scratch);
        backend.map(UnaryOp.NEGATE, scratch, scratch);
        backend.map(UnaryOp.EXP, scratch, scratch);      // e^-|z| <= 1: no overflow
        backend.add(scratch, one, scratch);
        backend.map(UnaryOp.LOG, scratch, scratch);
        backend.map(UnaryOp.RELU, z, scratch2);
        backend.add(scratch, scratch2, scratch);
        backend.multiply(z, y, scratch2);
        backend.subtract(scratch, scratch2, scratch);    // max(z,0) - z·y + log(1 + e^-|z|)
        double elements = (double) rows * columns;
        double loss = totalOf(scratch) / elements;
        backend.map(UnaryOp.SIGMOID, z, dz);
        backend.subtract(dz, y, dz);
        backend.scale(dz, 1.0 / elements, dz);
        return loss;
    }

    private double meanSquaredError(Tensor z, Tensor a, Tensor y, Tensor dz) {
        double elements = (double) rows * columns;
        backend.subtract(a, y, scratch);
        backend.map(UnaryOp.SQUARE, scratch, scratch2);
        double loss = totalOf(scratch2) / elements;
        backend.scale(scratch, 2.0 / elements, scratch);
        activation.backward(backend, z, scratch, dz, scratch2);
        return loss;
    }

    /** Σ of all elements of an (rows, columns) tensor, read back as the only host transfer of a step. */
    private double totalOf(Tensor matrix) {
        backend.sum(matrix, 1, false, rowTotals);
        backend.sum(rowTotals, 0, false, total);
        return backend.get(total);
    }
}
