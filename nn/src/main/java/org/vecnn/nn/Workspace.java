package org.vecnn.nn;

import java.util.List;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * Everything a forward and backward pass over a batch of one size writes into, allocated once and released by
 * {@link #close()} (when the model evicts it or is closed).
 */
final class Workspace implements AutoCloseable {
    final int rows;
    final BatchBuffer batch;
    final LayerBuffers[] layers;
    final OutputHead head;
    /** The standardized input of the last forward pass, for a network that standardizes its inputs; else null. */
    final Tensor standardized;

    Workspace(Backend backend, Architecture architecture, int rows) {
        DType dtype = architecture.dtype;
        this.rows = rows;
        this.batch = new BatchBuffer(backend, dtype, rows, architecture.inputs, architecture.outputs());
        List<LayerSpec> specs = architecture.layers;
        this.layers = new LayerBuffers[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            layers[i] = new LayerBuffers(backend, dtype, rows, architecture.inputsOf(i), specs.get(i).units, i > 0);
        }
        LayerSpec output = architecture.output();
        this.head = new OutputHead(backend, dtype, architecture.loss, output.activation, rows, output.units);
        this.standardized = architecture.standardization == null ? null
                : backend.zeros(Shape.of(rows, architecture.inputs), dtype);
    }

    /** Releases every tensor of this workspace. */
    @Override
    public void close() {
        batch.close();
        for (LayerBuffers layer : layers) {
            layer.close();
        }
        head.close();
        LayerBuffers.closeAll(standardized);
    }

    LayerBuffers output() {
        return layers[layers.length - 1];
    }
}
