package org.vecnn.spark;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the user's Spark data into cached {@link Block}s: the schema is checked against the network before any
 * job runs (column names and types, and the widths and class counts that ML metadata declares); every row is
 * checked as the blocks are built.
 */
final class SparkInput {
    private SparkInput() {
    }

    /** Blocks of {@code data}'s {@code featuresColumn} and {@code labelColumn}, one per partition (not yet computed). */
    static JavaRDD<Block> blocks(org.apache.spark.sql.Dataset<Row> data, String featuresColumn, String labelColumn,
            NetworkSpec spec) {
        if (data == null) {
            throw new SparkInputException("vecnn-spark: the data set is null");
        }
        StructType schema = data.schema();
        StructField features = field(schema, featuresColumn, "features");
        StructField label = field(schema, labelColumn, "label");
        checkFeatures(features, spec);
        checkLabel(label, spec);
        JavaRDD<Row> rows = data.select(data.col(featuresColumn), data.col(labelColumn)).javaRDD();
        return rows.mapPartitionsWithIndex((partition, it) -> {
            BlockBuilder builder = new BlockBuilder(partition, spec, featuresColumn, labelColumn);
            while (it.hasNext()) {
                Row row = it.next();
                Object x = row.isNullAt(0) ? null : row.get(0) instanceof scala.collection.Seq ? row.getList(0)
                        : row.get(0);
                Object y = row.isNullAt(1) ? null : row.get(1) instanceof scala.collection.Seq ? row.getList(1)
                        : row.get(1);
                builder.add(x, y);
            }
            return single(builder.build());
        }, true);
    }

    /** Blocks of labelled points (features vector, label). */
    static JavaRDD<Block> blocks(JavaRDD<LabeledPoint> data, NetworkSpec spec) {
        if (data == null) {
            throw new SparkInputException("vecnn-spark: the RDD is null");
        }
        if (Targets.of(spec) == Targets.VALUES && spec.outputs() > 1) {
            throw new SparkInputException("vecnn-spark: a LabeledPoint has one label, but the network has "
                    + spec.outputs() + " outputs trained with " + spec.loss + "; use a DataFrame with an array label column");
        }
        return data.mapPartitionsWithIndex((partition, it) -> {
            BlockBuilder builder = new BlockBuilder(partition, spec, "features", "label");
            while (it.hasNext()) {
                LabeledPoint point = it.next();
                builder.add(point == null ? null : point.features(), point == null ? null : point.label());
            }
            return single(builder.build());
        }, true);
    }

    private static Iterator<Block> single(Block block) {
        return Collections.singletonList(block).iterator();
    }

    private static StructField field(StructType schema, String name, String role) {
        if (name == null) {
            throw new SparkInputException("vecnn-spark: the " + role + " column name is null");
        }
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new SparkInputException("vecnn-spark: no " + role + " column '" + name + "'; the data has "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(name);
    }

    private static boolean numericArray(DataType type) {
        return type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType;
    }

    private static boolean vector(DataType type) {
        return type.equals(SQLDataTypes.VectorType());
    }

    private static void checkFeatures(StructField field, NetworkSpec spec) {
        DataType type = field.dataType();
        if (!numericArray(type) && !vector(type)) {
            throw new SparkInputException("vecnn-spark: features column '" + field.name() + "' is "
                    + type.simpleString() + "; it must be an array of numbers or an ML vector of " + spec.inputs);
        }
        if (vector(type)) {
            int size = AttributeGroup.fromStructField(field).size();
            if (size >= 0 && size != spec.inputs) {
                throw new SparkInputException("vecnn-spark: features column '" + field.name() + "' holds vectors of "
                        + size + " values (its ML metadata says), but the network takes " + spec.inputs + " inputs");
            }
        }
    }

    private static void checkLabel(StructField field, NetworkSpec spec) {
        DataType type = field.dataType();
        Targets targets = Targets.of(spec);
        boolean several = targets == Targets.VALUES && spec.outputs() > 1;
        boolean fits = several ? numericArray(type) || vector(type) : type instanceof NumericType;
        if (!fits) {
            throw new SparkInputException("vecnn-spark: label column '" + field.name() + "' is " + type.simpleString()
                    + "; for a network with " + spec.outputs() + " output(s) trained with " + spec.loss + " it must "
                    + "hold " + targets.expected(spec.outputs()));
        }
        if (targets != Targets.VALUES) {
            Attribute attribute = Attribute.fromStructField(field);
            if (attribute instanceof NominalAttribute && ((NominalAttribute) attribute).getNumValues().isDefined()) {
                int classes = (Integer) ((NominalAttribute) attribute).getNumValues().get();
                int expected = targets == Targets.CLASS ? spec.outputs() : 2;
                if (classes != expected) {
                    throw new SparkInputException("vecnn-spark: label column '" + field.name() + "' has " + classes
                            + " classes (its ML metadata says), but the network has " + expected);
                }
            }
        }
    }
}
