package org.vecnn.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.vecnn.nn.Gradients;
import org.vecnn.nn.Mlp;

/**
 * The executor side of one round, applied to each partition's block by {@code treeAggregate}. Synchronous mode
 * ({@code localSteps} 1, {@code averaging} false): the gradients of the partition's part of the global batch,
 * summed as {@code n·g}. Averaging mode: the partition's own steps over its parts of {@code localSteps} global
 * batches from the broadcast parameters, and the resulting parameters summed as {@code n·θ}. The broadcast
 * arrays are never written: the model copies them into its own tensors.
 */
final class RoundTask implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NetworkSpec spec;
    private final String backend;
    private final Broadcast<double[]> parameters;
    private final Broadcast<int[]> positions;
    private final long[] offsets;
    private final long[] stepStarts;
    private final boolean averaging;
    private final long round;
    private final TaskHook hook;

    /**
     * @param stepStarts the first position of each local step's global batch, and after them the end of the last
     */
    RoundTask(NetworkSpec spec, String backend, Broadcast<double[]> parameters, Broadcast<int[]> positions,
            long[] offsets, long[] stepStarts, boolean averaging, long round, TaskHook hook) {
        this.spec = spec;
        this.backend = backend;
        this.parameters = parameters;
        this.positions = positions;
        this.offsets = offsets;
        this.stepStarts = stepStarts;
        this.averaging = averaging;
        this.round = round;
        this.hook = hook;
    }

    /**
     * Whether a model used before may serve: always for gradients, and for local steps when the optimizer keeps no
     * state (plain SGD); momentum and Adam start each round from fresh state.
     */
    private boolean reusable() {
        return !averaging || spec.optimizer == org.vecnn.nn.Optimizer.Kind.SGD;
    }

    int steps() {
        return stepStarts.length - 1;
    }

    Contribution apply(Contribution into, Block block) {
        into.partitions++;
        int[] order = positions == null ? null : positions.value();
        long offset = offsets[block.partition];
        Mlp model = null;
        long seen = 0;
        for (int s = 0; s < steps(); s++) {
            int[] rows = block.select(offset, order, stepStarts[s], stepStarts[s + 1]);
            if (rows.length == 0) {
                continue;
            }
            if (model == null) {
                model = ExecutorBackends.borrow(spec, backend, reusable());
                model.setParameterValues(parameters.value());
                into.executors.put(ExecutorBackends.executor(), ExecutorBackends.describe(model));
            }
            Gradients g = model.gradients(block.rows(rows));
            into.step(s, g.loss(), rows.length, g.correct());
            seen += rows.length;
            if (averaging) {
                model.applyGradients(g);
            } else {
                g.addTo(sumOf(into, g.size()), rows.length);
                into.weight += rows.length;
            }
        }
        if (averaging && model != null) {
            into.add(model.parameterValues(), seen, seen);
        }
        if (model != null && reusable()) {
            ExecutorBackends.giveBack(spec, backend, model);
        }
        hook.afterPartition(block.partition, round);
        return into;
    }

    private static double[] sumOf(Contribution into, int size) {
        if (into.sum == null) {
            into.sum = new double[size];
        }
        return into.sum;
    }
}
