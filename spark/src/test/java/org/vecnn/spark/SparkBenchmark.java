package org.vecnn.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.sql.SparkSession;
import org.vecnn.Backends;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Fit;
import org.vecnn.digits.GeneratedDigits;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.TrainingReport;

/**
 * Not a test: samples/s of the 784-256-10 MLP (float32, batch 128, SGD) trained by single-machine {@code fit}
 * and by {@link SparkTrainer} in {@code local[2]} on the same generated digits, and the cost of one round of
 * communication (broadcast of the parameters, {@code treeAggregate} of the gradient sums, the driver's step)
 * measured on rounds whose computing is one example per partition. Every figure is the median of its runs with
 * the smallest and largest; each run's first epoch warms the JIT and is not counted.
 *
 * <p>Arguments: {@code [backend [examples [runs]]]}, default {@code ejml 6400 5}. docs/spark.md gives the command.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) {
        String backend = args.length > 0 ? args[0] : "ejml";
        int examples = args.length > 1 ? Integer.parseInt(args[1]) : 6400;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("vecnn-spark benchmark")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Dataset data = digits(examples, 1);
        JavaRDD<LabeledPoint> points = onExecutors(examples, 0, examples);
        Fit fit = Fit.epochs(2).batchSize(128).shuffle(7);
        System.out.printf(Locale.ROOT, "784-256-10 float32, batch 128 shuffled, sgd; %d examples; backend %s; %d runs; "
                + "%d cores%n", examples, backend, runs, Runtime.getRuntime().availableProcessors());

        double[] single = new double[runs];
        double[] synchronous = new double[runs];
        double[] averaging = new double[runs];
        for (int r = 0; r < runs; r++) {
            TrainingReport alone = network(backend).fit(data, fit);
            single[r] = alone.last().samplesPerSecond();
            SparkTrainingReport sync = SparkTrainer.synchronous().executorBackend(backend)
                    .fit(network(backend), points, fit);
            synchronous[r] = sync.training().last().samplesPerSecond();
            SparkTrainingReport avg = SparkTrainer.parameterAveraging(8).executorBackend(backend)
                    .fit(network(backend), points, fit);
            averaging[r] = avg.training().last().samplesPerSecond();
            if (r == 0) {
                System.out.println("executors: " + sync.executors());
            }
        }
        print("single-machine fit, samples/s", single, 1);
        print("local[2] synchronous, samples/s", synchronous, 1);
        print("local[2] averaging every 8 steps, samples/s", averaging, 1);
        System.out.printf(Locale.ROOT, "ratio local[2] synchronous / fit: %.2f; averaging / fit: %.2f%n",
                median(synchronous) / median(single), median(averaging) / median(single));

        // Rounds that compute almost nothing: 2 partitions holding one example of each global batch of 2.
        Fit tiny = Fit.epochs(1).batchSize(2);
        JavaRDD<LabeledPoint> few = onExecutors(examples, 0, 240);
        double[] rounds = new double[runs];
        for (int r = 0; r < runs; r++) {
            SparkTrainingReport report = SparkTrainer.synchronous().executorBackend(backend)
                    .fit(network(backend), few, tiny);
            double[] seconds = report.roundSeconds();
            rounds[r] = median(Arrays.copyOfRange(seconds, 20, seconds.length));
        }
        print("one round (784-256-10: 203,530 parameters), ms", rounds, 1e3);
        spark.stop();
    }

    /**
     * Examples {@code [from, to)} of the same generated digits, made on the executors in two partitions, as data
     * read from storage would be: an RDD from {@code parallelize} of the examples themselves would ship each
     * partition's slice inside every task of every round (a ParallelCollectionPartition holds its data).
     */
    private static JavaRDD<LabeledPoint> onExecutors(int examples, int from, int to) {
        int half = (to - from) / 2;
        JavaRDD<LabeledPoint> points = LocalSpark.context().parallelize(java.util.List.of(from, from + half), 2)
                .flatMap(first -> {
                    Dataset all = digits(examples, 1);
                    int last = first == from ? from + half : to;
                    Dataset part = all.slice(first, last);
                    float[] x = part.featureArray();
                    java.util.List<LabeledPoint> list = new java.util.ArrayList<>();
                    for (int i = 0; i < part.size(); i++) {
                        double[] v = new double[part.featureCount()];
                        for (int j = 0; j < v.length; j++) {
                            v[j] = x[i * v.length + j];
                        }
                        list.add(new LabeledPoint(part.label(i), org.apache.spark.ml.linalg.Vectors.dense(v)));
                    }
                    return list.iterator();
                }).cache();
        points.count();
        return points;
    }

    private static Mlp network(String backend) {
        return Mlp.builder().input(784).dense(256, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.05)).seed(42).build(Backends.get(backend));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(String what, double[] values, double scale) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-48s median %10.2f  (min %.2f, max %.2f)%n", what, median(values) * scale,
                sorted[0] * scale, sorted[sorted.length - 1] * scale);
    }

    /** Generated digits as a classification dataset. */
    private static Dataset digits(int count, long seed) {
        GeneratedDigits.Images images = GeneratedDigits.generate(count, seed);
        return Dataset.classification(images.pixels(), GeneratedDigits.PIXELS, images.labels(), GeneratedDigits.CLASSES);
    }
}
