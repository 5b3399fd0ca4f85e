package org.vecnn.spark;

import java.io.Serializable;

/** Called in each task after its partition's work, before its result goes back: a seam for fault-injection tests. */
interface TaskHook extends Serializable {
    /** Does nothing. */
    TaskHook NONE = (partition, round) -> { };

    void afterPartition(int partition, long round);
}
