package org.vecnn.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.vecnn.nn.EpochResult;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Gradients;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.TrainingListener;
import org.vecnn.nn.TrainingReports;

/**
 * Trains an ordinary {@link Mlp} on data held by Apache Spark, data-parallel: each partition's examples are
 * packed once into arrays and cached on its executor, and every executor computes on its own vecnn backend (found
 * by ServiceLoader, as {@link org.vecnn.Backends#get()} does, or named with {@link #executorBackend}). The model
 * passed in is trained in place on the driver, as {@link Mlp#fit} trains it, and stays an ordinary model to save,
 * evaluate or predict with.
 *
 * <pre>{@code
 * Mlp net = Mlp.builder().input(784).dense(256, Activation.RELU).dense(10, Activation.SOFTMAX)
 *         .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).seed(42).build(Backends.get());
 * SparkTrainingReport report = SparkTrainer.synchronous()
 *         .fit(net, dataFrame, "features", "label", Fit.epochs(5).batchSize(128).shuffle(7));
 * }</pre>
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@link #synchronous()}: data-parallel SGD, as Spark MLlib trains its own perceptron. For every global
 *       batch the driver broadcasts the parameters, each partition computes the loss and gradient sums of its
 *       examples in that batch, {@code treeAggregate} adds them up, and the driver takes one step of the
 *       network's own optimizer ({@link Mlp#applyGradients}). Global batches are those {@code fit} would make
 *       with the same {@link Fit} (batch size, shuffle seed): the steps are {@code fit}'s steps, up to the
 *       rounding of sums taken in another order.</li>
 *   <li>{@link #parameterAveraging(int)}: as DL4J's parameter-averaging training master. Each round the driver
 *       broadcasts the parameters, each partition takes {@code N} optimizer steps on its own parts of the next
 *       {@code N} global batches, and the driver sets the parameters to the mean of the partitions' results,
 *       weighted by their example counts: {@code N} times fewer rounds of communication. Each partition's steps
 *       see about 1/P of a global batch (P partitions), so the curve is noisier than synchronous SGD's and drifts
 *       from it as N grows; with N = 1 and plain SGD it is synchronous SGD. Optimizer state (momentum, Adam
 *       moments) starts fresh on every partition each round and is not averaged.</li>
 * </ul>
 *
 * <p>Input: a {@code Dataset<Row>} with a features column (array of numbers, or an ML vector) and a label
 * column (a class index for a softmax network, 0/1 for one sigmoid output with binary cross-entropy, the
 * target value or values for MSE), or a {@code JavaRDD<LabeledPoint>}. The schema and the widths and class counts
 * that ML metadata declares are checked against the network before any job runs; every row (width, label range,
 * finite values) before the first step. Empty partitions are fine.
 *
 * <p>Faults: Spark's retry of a failed task is safe. A task only reads the broadcast parameters and its cached
 * block and returns its sums; Spark merges the result of exactly one successful attempt per partition, and the
 * driver checks that every global batch's examples were counted exactly once before it steps.
 *
 * <p>Immutable: each configuration method returns a changed copy. {@code fit} runs Spark jobs from the calling
 * thread and uses the model from that thread only.
 */
public final class SparkTrainer {
    private final int localSteps;
    private final boolean averaging;
    private final String backend;
    private final int treeDepth;
    private final TaskHook hook;

    private SparkTrainer(int localSteps, boolean averaging, String backend, int treeDepth, TaskHook hook) {
        this.localSteps = localSteps;
        this.averaging = averaging;
        this.backend = backend;
        this.treeDepth = treeDepth;
        this.hook = hook;
    }

    /** Synchronous data-parallel SGD: one round of communication per global batch. */
    public static SparkTrainer synchronous() {
        return new SparkTrainer(1, false, null, 2, TaskHook.NONE);
    }

    /**
     * Parameter averaging after every {@code localSteps} local optimizer steps on each partition.
     *
     * @throws IllegalArgumentException if {@code localSteps} is not positive
     */
    public static SparkTrainer parameterAveraging(int localSteps) {
        if (localSteps <= 0) {
            throw new IllegalArgumentException("parameterAveraging: localSteps must be > 0, got " + localSteps);
        }
        return new SparkTrainer(localSteps, true, null, 2, TaskHook.NONE);
    }

    /**
     * Executors run the vecnn backend called {@code name} (default: each executor's {@code Backends.get()}, which
     * its {@code vecnn.backend} property or {@code VECNN_BACKEND} variable can choose).
     */
    public SparkTrainer executorBackend(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("executorBackend: name is null or blank");
        }
        return new SparkTrainer(localSteps, averaging, name.trim(), treeDepth, hook);
    }

    /** The depth of {@code treeAggregate}'s tree (default 2): deeper trees relieve the driver with many partitions. */
    public SparkTrainer treeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("treeDepth: depth must be >= 1, got " + depth);
        }
        return new SparkTrainer(localSteps, averaging, backend, depth, hook);
    }

    /** For tests: {@code hook} runs in every task after its partition's work. */
    SparkTrainer taskHook(TaskHook taskHook) {
        return new SparkTrainer(localSteps, averaging, backend, treeDepth, taskHook);
    }

    /**
     * Trains {@code model} in place on the {@code featuresColumn} and {@code labelColumn} of {@code data}, as
     * {@code fit} says (epochs, batch size, shuffle seed, validation set and listener, which the driver calls).
     *
     * @throws SparkInputException      if a column is missing or of the wrong type or width, a label is not one
     *                                  of the network's classes, or a value is null, NaN or infinite
     * @throws ExecutorBackendException if an executor has no usable vecnn backend for the network
     */
    public SparkTrainingReport fit(Mlp model, org.apache.spark.sql.Dataset<Row> data, String featuresColumn,
            String labelColumn, Fit fit) {
        NetworkSpec spec = check(model, fit);
        return train(model, spec, SparkInput.blocks(data, featuresColumn, labelColumn, spec), fit);
    }

    /** Trains {@code model} in place on labelled points; otherwise as {@link #fit(Mlp, org.apache.spark.sql.Dataset, String, String, Fit)}. */
    public SparkTrainingReport fit(Mlp model, JavaRDD<LabeledPoint> data, Fit fit) {
        NetworkSpec spec = check(model, fit);
        return train(model, spec, SparkInput.blocks(data, spec), fit);
    }

    private static NetworkSpec check(Mlp model, Fit fit) {
        if (model == null || fit == null) {
            throw new IllegalArgumentException("vecnn-spark fit: model and fit must not be null");
        }
        if (fit.validation() != null && (fit.validation().featureCount() != model.inputSize()
                || fit.validation().targetCount() != model.outputSize())) {
            throw new SparkInputException("vecnn-spark fit: the validation set " + fit.validation() + " does not fit "
                    + model);
        }
        return new NetworkSpec(model);
    }

    private SparkTrainingReport train(Mlp model, NetworkSpec spec, JavaRDD<Block> blocks, Fit fit) {
        blocks.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return run(model, spec, blocks, fit);
        } catch (RuntimeException e) {
            throw Failures.unwrap(e);
        } catch (Exception e) {
            // Spark's SparkException is checked but undeclared in its Scala signatures.
            throw Failures.unwrap(e);
        } finally {
            blocks.unpersist(false);
        }
    }

    private SparkTrainingReport run(Mlp model, NetworkSpec spec, JavaRDD<Block> blocks, Fit fit) throws Exception {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(blocks.context());
        Map<String, String> executors = new TreeMap<>();
        String name = backend;
        List<PartitionInfo> infos = blocks.map(block -> PartitionInfo.of(block, spec, name)).collect();
        long[] offsets = new long[infos.size()];
        long total = 0;
        for (PartitionInfo info : infos) {
            offsets[info.partition] = total;
            total += info.size;
            executors.put(info.executor, info.backend);
        }
        if (total == 0) {
            throw new SparkInputException("vecnn-spark fit: the data set is empty");
        }
        if (total > Integer.MAX_VALUE) {
            throw new SparkInputException("vecnn-spark fit: " + total + " examples; at most " + Integer.MAX_VALUE);
        }
        int n = (int) total;
        int batchSize = Math.min(fit.batchSize(), n);
        int batches = (n + batchSize - 1) / batchSize;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffler = fit.shuffleSeed().isPresent()
                ? new SplittableRandom(fit.shuffleSeed().getAsLong()) : null;
        boolean labelled = Targets.of(spec) != Targets.VALUES;
        TrainingListener listener = fit.listener();
        TrainingReports reports = new TrainingReports();
        List<Double> stepLosses = new ArrayList<>();
        List<Double> roundSeconds = new ArrayList<>();
        long round = 0;
        for (int epoch = 1; epoch <= fit.epochs(); epoch++) {
            Broadcast<int[]> positions = null;
            if (shuffler != null) {
                shuffle(order, shuffler);
                int[] position = new int[n];
                for (int k = 0; k < n; k++) {
                    position[order[k]] = k;
                }
                positions = context.broadcast(position);
            }
            double seconds = 0;
            double lossSum = 0;
            long correct = 0;
            for (int first = 0; first < batches; first += localSteps) {
                int steps = Math.min(localSteps, batches - first);
                long[] starts = new long[steps + 1];
                for (int s = 0; s <= steps; s++) {
                    starts[s] = Math.min((long) (first + s) * batchSize, n);
                }
                long start = System.nanoTime();
                Broadcast<double[]> parameters = context.broadcast(model.parameterValues());
                RoundTask task = new RoundTask(spec, backend, parameters, positions, offsets, starts, averaging,
                        round++, hook);
                Contribution c = blocks.treeAggregate(new Contribution(steps), task::apply, Contribution::merge,
                        treeDepth);
                parameters.destroy();
                checkCounts(c, starts);
                double[] mean = c.sum;
                for (int i = 0; i < mean.length; i++) {
                    mean[i] /= c.weight;
                }
                if (averaging) {
                    model.setParameterValues(mean);
                } else {
                    int examples = (int) c.examples[0];
                    model.applyGradients(Gradients.of(model, c.lossSums[0] / examples, examples,
                            labelled ? c.correct[0] : -1, mean));
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                seconds += elapsed;
                roundSeconds.add(elapsed);
                executors.putAll(c.executors);
                for (int s = 0; s < steps; s++) {
                    double loss = c.lossSums[s] / c.examples[s];
                    stepLosses.add(loss);
                    lossSum += c.lossSums[s];
                    correct += c.correct[s];
                    listener.onBatch(epoch, first + s + 1, batches, loss);
                }
            }
            if (positions != null) {
                positions.destroy();
            }
            org.vecnn.nn.Evaluation validation = fit.validation() == null ? null : model.evaluate(fit.validation());
            EpochResult result = reports.epoch(lossSum / n, labelled ? (double) correct / n : Double.NaN,
                    validation == null ? Double.NaN : validation.loss(),
                    validation == null ? Double.NaN : validation.accuracy(), Math.max(seconds, 1e-9), n);
            listener.onEpoch(result);
        }
        String mode = averaging ? "parameter averaging every " + localSteps + " steps" : "synchronous";
        return new SparkTrainingReport(mode, reports.build(),
                stepLosses.stream().mapToDouble(Double::doubleValue).toArray(), executors, infos.size(),
                roundSeconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Every example of every global batch counted exactly once, or the round is refused. */
    private static void checkCounts(Contribution c, long[] starts) {
        for (int s = 0; s < c.examples.length; s++) {
            long expected = starts[s + 1] - starts[s];
            if (c.examples[s] != expected) {
                throw new IllegalStateException("vecnn-spark: a global batch of " + expected + " examples came back "
                        + "with " + c.examples[s] + "; the parameters were not changed");
            }
        }
    }

    /** Fisher-Yates with {@code random}, exactly as {@link Mlp#fit} shuffles its order each epoch. */
    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
