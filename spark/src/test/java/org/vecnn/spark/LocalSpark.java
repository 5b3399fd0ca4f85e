package org.vecnn.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.api.java.JavaRDD;
import org.vecnn.nn.Dataset;

/**
 * One Spark session for every test class of the module (a JVM holds one SparkContext): {@code local[2,2]}, two
 * worker threads and up to two attempts per task, so that a test can make a task fail once. And the test data.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("vecnn-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "localhost")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    /** Gaussian blobs: {@code classes} centres in {@code features} dimensions, labels in [0, classes). */
    static Dataset blobs(int n, int features, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][features];
        for (double[] centre : centres) {
            for (int j = 0; j < features; j++) {
                centre[j] = random.nextGaussian() * 2;
            }
        }
        float[] x = new float[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) (centres[labels[i]][j] + random.nextGaussian());
            }
        }
        return Dataset.classification(x, features, labels, classes);
    }

    /** {@code data} as rows (features as a list of floats, label as an int), in order. */
    static List<Row> rows(Dataset data) {
        float[] x = data.featureArray();
        int f = data.featureCount();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            List<Float> features = new ArrayList<>();
            for (int j = 0; j < f; j++) {
                features.add(x[i * f + j]);
            }
            rows.add(RowFactory.create(scala.jdk.javaapi.CollectionConverters.asScala(features), data.label(i)));
        }
        return rows;
    }

    /** {@code data} as a DataFrame (features array&lt;float&gt;, label int) in {@code partitions} slices, in order. */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset data, int partitions) {
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType, false), false),
            DataTypes.createStructField("label", DataTypes.IntegerType, false)});
        return session().createDataFrame(context().parallelize(rows(data), partitions), schema);
    }

    /** {@code data} as labelled points in {@code partitions} slices, in order. */
    static JavaRDD<LabeledPoint> points(Dataset data, int partitions) {
        float[] x = data.featureArray();
        int f = data.featureCount();
        List<LabeledPoint> points = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            double[] v = new double[f];
            for (int j = 0; j < f; j++) {
                v[j] = x[i * f + j];
            }
            points.add(new LabeledPoint(data.label(i), Vectors.dense(v)));
        }
        return context().parallelize(points, partitions);
    }

    /** {@code data} as a DataFrame with an ML vector features column (with {@code metadata}) and a double label. */
    static org.apache.spark.sql.Dataset<Row> vectorFrame(Dataset data, int partitions, Metadata featureMetadata,
            Metadata labelMetadata) {
        StructType schema = new StructType(new StructField[] {
            new StructField("features", SQLDataTypes.VectorType(), false, featureMetadata),
            new StructField("label", DataTypes.DoubleType, false, labelMetadata)});
        JavaRDD<Row> rows = points(data, partitions).map(p -> RowFactory.create(p.features(), p.label()));
        return session().createDataFrame(rows, schema);
    }
}
