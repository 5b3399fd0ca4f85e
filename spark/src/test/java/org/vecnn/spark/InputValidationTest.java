package org.vecnn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Data that does not suit the network is refused with the column's name (and the partition and row for a bad
 * value), before the first step: the model is unchanged. Schema problems are found before any Spark job runs.
 * Binary and multi-output regression labels train.
 */
class InputValidationTest {
    private final Mlp net = SynchronousTrainingTest.network(DType.FLOAT64, Optimizer.sgd(0.1));
    private final Dataset data = LocalSpark.blobs(30, 6, 3, 7);

    /** Counts the Spark jobs started while it is registered. */
    static final class JobCounter extends SparkListener {
        volatile int jobs;

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            jobs++;
        }
    }

    private void refusedBeforeAnyJob(org.apache.spark.sql.Dataset<Row> frame, String features, String label,
            String... message) {
        double[] before = net.parameterValues();
        JobCounter counter = new JobCounter();
        LocalSpark.session().sparkContext().addSparkListener(counter);
        try {
            assertThatThrownBy(() -> SparkTrainer.synchronous().fit(net, frame, features, label, Fit.epochs(1)))
                    .isInstanceOf(SparkInputException.class).message().contains(message);
        } finally {
            LocalSpark.session().sparkContext().removeSparkListener(counter);
        }
        assertThat(counter.jobs).as("jobs started").isZero();
        assertThat(net.parameterValues()).isEqualTo(before);
    }

    private void refusedBeforeTheFirstStep(org.apache.spark.sql.Dataset<Row> frame, String... message) {
        double[] before = net.parameterValues();
        Recorder steps = new Recorder();
        assertThatThrownBy(() -> SparkTrainer.synchronous().fit(net, frame, "features", "label",
                Fit.epochs(1).listener(steps))).isInstanceOf(SparkInputException.class).message().contains(message);
        assertThat(steps.losses).isEmpty();
        assertThat(net.parameterValues()).isEqualTo(before);
    }

    @Test
    void schemaProblemsAreFoundBeforeAnyJob() {
        org.apache.spark.sql.Dataset<Row> frame = LocalSpark.frame(data, 2);
        refusedBeforeAnyJob(frame, "pixels", "label", "no features column 'pixels'", "[features, label]");
        refusedBeforeAnyJob(frame, "features", "digit", "no label column 'digit'");
        refusedBeforeAnyJob(frame, "label", "label", "features column 'label' is int",
                "array of numbers or an ML vector");
        refusedBeforeAnyJob(frame, "features", "features", "label column 'features' is array<float>",
                "a class index in [0, 3)");
        Metadata sevenWide = new AttributeGroup("features", 7).toMetadata();
        refusedBeforeAnyJob(LocalSpark.vectorFrame(data, 2, sevenWide, Metadata.empty()), "features", "label",
                "features column 'features' holds vectors of 7 values", "takes 6 inputs");
        Metadata fourClasses = NominalAttribute.defaultAttr().withName("label").withNumValues(4).toMetadata();
        refusedBeforeAnyJob(LocalSpark.vectorFrame(data, 2, Metadata.empty(), fourClasses), "features", "label",
                "label column 'label' has 4 classes", "the network has 3");
    }

    private org.apache.spark.sql.Dataset<Row> withRow(int at, Object features, Object label) {
        List<Row> rows = new ArrayList<>(LocalSpark.rows(data));
        rows.set(at, RowFactory.create(features, label));
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType, true), true),
            DataTypes.createStructField("label", DataTypes.DoubleType, true)});
        List<Row> widened = new ArrayList<>();
        for (Row row : rows) {
            Object x = row.get(0);
            if (x instanceof scala.collection.Seq) {
                List<Double> doubles = new ArrayList<>();
                for (Object v : CollectionConverters.asJava((scala.collection.Seq<?>) x)) {
                    doubles.add(v == null ? null : ((Number) v).doubleValue());
                }
                x = CollectionConverters.asScala(doubles);
            }
            Object y = row.get(1) == null ? null : ((Number) row.get(1)).doubleValue();
            widened.add(RowFactory.create(x, y));
        }
        return LocalSpark.session().createDataFrame(LocalSpark.context().parallelize(widened, 3), schema);
    }

    private static Object seq(Double... values) {
        return CollectionConverters.asScala(Arrays.asList(values));
    }

    @Test
    void badRowsAreRefusedWithTheirPartitionAndRow() {
        // 30 rows in 3 slices of 10: row 14 is row 4 of partition 1.
        refusedBeforeTheFirstStep(withRow(14, seq(1.0, 2.0, 3.0), 0.0), "column 'features', row 4 of partition 1",
                "has 3 values, but the network takes 6 inputs");
        refusedBeforeTheFirstStep(withRow(14, seq(1.0, 2.0, Double.NaN, 4.0, 5.0, 6.0), 0.0),
                "column 'features', row 4 of partition 1", "value 2 is NaN");
        refusedBeforeTheFirstStep(withRow(25, seq(1.0, 2.0, 3.0, 4.0, 5.0, Double.POSITIVE_INFINITY), 0.0),
                "row 5 of partition 2", "value 5 is Infinity");
        refusedBeforeTheFirstStep(withRow(3, seq(1.0, 2.0, 3.0, 4.0, 5.0, 1e39), 0.0),
                "row 3 of partition 0", "within float range");
        refusedBeforeTheFirstStep(withRow(3, seq(1.0, 2.0, null, 4.0, 5.0, 6.0), 0.0), "value 2 is null");
        refusedBeforeTheFirstStep(withRow(3, null, 0.0), "column 'features', row 3 of partition 0", "null");
        refusedBeforeTheFirstStep(withRow(3, seq(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 3.0),
                "column 'label', row 3 of partition 0", "3.0 is not a class index in [0, 3)");
        refusedBeforeTheFirstStep(withRow(3, seq(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 1.5), "1.5 is not a class index");
        refusedBeforeTheFirstStep(withRow(3, seq(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), Double.NaN),
                "column 'label', row 3 of partition 0", "NaN");
        refusedBeforeTheFirstStep(withRow(3, seq(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), null), "column 'label'", "null");
    }

    @Test
    void binaryAndMultiOutputRegressionLabelsTrain() {
        Mlp binary = Mlp.builder().input(6).dense(8, Activation.RELU).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).optimizer(Optimizer.sgd(0.5)).seed(3).build(Backends.get("loops"));
        Dataset two = LocalSpark.blobs(200, 6, 2, 8);
        SparkTrainingReport report = SparkTrainer.synchronous().fit(binary, LocalSpark.frame(two, 2), "features",
                "label", Fit.epochs(3).batchSize(40));
        assertThat(report.training().finalLoss()).isLessThan(report.stepLosses()[0] / 2);
        assertThat(report.training().last().trainAccuracy()).isGreaterThan(0.9);

        Mlp regression = Mlp.builder().input(2).dense(8, Activation.TANH).dense(2, Activation.IDENTITY)
                .loss(Loss.MSE).optimizer(Optimizer.sgd(0.1)).seed(3).build(Backends.get("loops"));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double a = (i % 10) / 10.0;
            double b = (i / 10) / 10.0;
            rows.add(RowFactory.create(seq(a, b), seq(a + b, a - b)));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField("y", DataTypes.createArrayType(DataTypes.DoubleType, false), false)});
        SparkTrainingReport fitted = SparkTrainer.synchronous().fit(regression,
                LocalSpark.session().createDataFrame(LocalSpark.context().parallelize(rows, 2), schema), "x", "y",
                Fit.epochs(20).batchSize(25));
        assertThat(fitted.training().finalLoss()).isLessThan(fitted.stepLosses()[0] / 4);
        assertThat(fitted.training().last().trainAccuracy()).isNaN();
    }
}
