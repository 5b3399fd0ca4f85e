package org.vecnn.spark;

import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkEnv;
import org.vecnn.Backends;
import org.vecnn.nn.Mlp;

/**
 * The executor side's access to vecnn backends: finds the backend by ServiceLoader ({@link Backends}), builds
 * networks on it and keeps idle ones for the next task of the same network. The only class of this module
 * * that holds the backend type ({@link org.vecnn.Backend}).
 */
final class ExecutorBackends {
    private static final int IDLE_PER_NETWORK = 8;
    private static final int NETWORKS = 4;
    private static final Map<Key, Queue<Mlp>> IDLE = new ConcurrentHashMap<>();

    private ExecutorBackends() {
    }

    /** E.g. {@code executor 3 on host worker-7}, or {@code executor driver on host ...} in local mode. */
    static String executor() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return "executor ? (no SparkEnv)";
        }
        return "executor " + env.executorId() + " on host " + env.blockManager().blockManagerId().host();
    }

    /**
     * A network of {@code spec} on this executor's backend ({@code backendName}, or the default when null),
     * fresh (initial weights, fresh optimizer state) or, when {@code reuse}, possibly one given back earlier.
     *
     * @throws ExecutorBackendException naming this executor if the backend is missing or cannot run the network
     */
    static Mlp borrow(NetworkSpec spec, String backendName, boolean reuse) {
        Key key = new Key(spec, backendName);
        if (reuse) {
            Queue<Mlp> idle = IDLE.get(key);
            Mlp model = idle == null ? null : idle.poll();
            if (model != null) {
                return model;
            }
        }
        try {
            org.vecnn.Backend backend = backendName == null ? Backends.get() : Backends.get(backendName);
            return spec.builder().build(backend);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ExecutorBackendException("vecnn-spark: " + executor() + " cannot run the network on "
                    + (backendName == null ? "its default vecnn backend" : "the vecnn backend '" + backendName + "'")
                    + ": " + e.getMessage() + ". Put the backend's jar on the executors' class path (spark-submit "
                    + "--jars) and check Backends.report() there.", e);
        }
    }

    /** Keeps {@code model} (borrowed for {@code spec} and {@code backendName}) for a later task. */
    static void giveBack(NetworkSpec spec, String backendName, Mlp model) {
        if (IDLE.size() >= NETWORKS && !IDLE.containsKey(new Key(spec, backendName))) {
            IDLE.clear();
        }
        Queue<Mlp> idle = IDLE.computeIfAbsent(new Key(spec, backendName), k -> new ConcurrentLinkedQueue<>());
        if (idle.size() < IDLE_PER_NETWORK) {
            idle.add(model);
        }
    }

    /** E.g. {@code ejml float32}. */
    static String describe(Mlp model) {
        return model.backend().name() + " " + model.dtype().numpyName();
    }

    private static final class Key {
        final NetworkSpec spec;
        final String backend;

        Key(NetworkSpec spec, String backend) {
            this.spec = spec;
            this.backend = backend;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).spec.equals(spec)
                    && Objects.equals(((Key) other).backend, backend);
        }

        @Override
        public int hashCode() {
            return spec.hashCode() * 31 + Objects.hashCode(backend);
        }
    }
}
