package org.vecnn.spark;

import java.io.Serializable;
import org.vecnn.nn.Mlp;

/** A block's size, and the executor that built it with the backend the network runs on there. */
final class PartitionInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int size;
    final String executor;
    final String backend;

    private PartitionInfo(int partition, int size, String executor, String backend) {
        this.partition = partition;
        this.size = size;
        this.executor = executor;
        this.backend = backend;
    }

    /** Checks, on the executor, that the network runs on its backend. */
    static PartitionInfo of(Block block, NetworkSpec spec, String backendName) {
        Mlp model = ExecutorBackends.borrow(spec, backendName, true);
        ExecutorBackends.giveBack(spec, backendName, model);
        return new PartitionInfo(block.partition, block.size, ExecutorBackends.executor(),
                ExecutorBackends.describe(model));
    }
}
