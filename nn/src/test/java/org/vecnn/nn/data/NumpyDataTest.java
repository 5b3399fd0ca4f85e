package org.vecnn.nn.data;

import org.vecnn.nn.Dataset;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.Fit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Shape;
import org.vecnn.io.Npy;
import org.vecnn.io.NpyArray;
import org.vecnn.io.Npz;

class NumpyDataTest {
    @TempDir
    Path dir;

    /** An .npy of little-endian int64 values, as np.save(np.array(values)) writes it (header unpadded). */
    static byte[] int64Npy(long... values) {
        String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + values.length + ",), }\n";
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) dict.length());
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** An archive of {@code entries} (name without .npy, bytes of the .npy), in order. */
    private Path archive(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static byte[] npy(NpyArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        return out.toByteArray();
    }

    private static NpyArray.Float32 images() {
        float[] v = new float[3 * 2 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 4f;
        }
        return new NpyArray.Float32(Shape.of(3, 2, 2), v);
    }

    @Test
    void classificationFromXAndYFlatteningEachExample() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("extra", npy(new NpyArray.Float64(Shape.of(1), new double[] {9})));
        entries.put("x", npy(images()));
        entries.put("y", int64Npy(2, 0, 1));
        Path f = archive("xy.npz", entries);
        Dataset d = NumpyData.readClassification(f, null, null, 0);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.featureCount()).isEqualTo(4);
        assertThat(d.classCount()).isEqualTo(3);
        assertThat(d.labels()).containsExactly(2, 0, 1);
        assertThat(d.featureArray()).containsExactly(images().data());
        assertThat(d.isFloat64()).isFalse();
    }

    @Test
    void upperCaseNamesThenTheTwoArraysOfAPositionalArchive() throws IOException {
        Map<String, byte[]> upper = new LinkedHashMap<>();
        upper.put("Y", int64Npy(1, 0, 1));
        upper.put("X", npy(images()));
        upper.put("w", npy(images()));
        assertThat(NumpyData.readClassification(archive("upper.npz", upper), null, null, 0).labels())
                .containsExactly(1, 0, 1);
        Map<String, byte[]> positional = new LinkedHashMap<>();
        positional.put("arr_0", npy(new NpyArray.Float64(Shape.of(2, 1), new double[] {0.1, 0.2})));
        positional.put("arr_1", npy(new NpyArray.Float32(Shape.of(2), new float[] {1, 0})));
        Dataset d = NumpyData.readClassification(archive("pos.npz", positional), null, null, 0);
        assertThat(d.isFloat64()).isTrue();
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void namedArraysAndAnErrorListingTheArraysWhenNoneIsTheDefault() throws IOException {
        Map<String, byte[]> keras = new LinkedHashMap<>();
        keras.put("x_train", npy(images()));
        keras.put("y_train", int64Npy(0, 1, 1));
        keras.put("x_test", npy(images()));
        keras.put("y_test", int64Npy(1, 1, 0));
        Path f = archive("mnist.npz", keras);
        assertThat(NumpyData.readClassification(f, "x_test", "y_test", 0).labels()).containsExactly(1, 1, 0);
        assertThatThrownBy(() -> NumpyData.readClassification(f, null, null, 0)).isInstanceOf(DataFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("no features array")
                .hasMessageContaining("x_train " + Shape.of(3, 2, 2) + " <f4")
                .hasMessageContaining("y_test " + Shape.of(3) + " <i8");
        assertThatThrownBy(() -> NumpyData.readClassification(f, "x_train", "labels", 0))
                .isInstanceOf(DataFileException.class).hasMessageContaining("no array named 'labels'");
    }

    @Test
    void labelsMustBeNonNegativeIntegersOneAnExample() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("x", npy(images()));
        e.put("y", npy(new NpyArray.Float32(Shape.of(3), new float[] {0, 1.5f, 1})));
        assertThatThrownBy(() -> NumpyData.readClassification(archive("frac.npz", e), null, null, 0))
                .isInstanceOf(DataFileException.class).hasMessageContaining("label 1.5 of example 1");
        e.put("y", int64Npy(0, 1));
        assertThatThrownBy(() -> NumpyData.readClassification(archive("count.npz", e), null, null, 0))
                .isInstanceOf(DataFileException.class).hasMessageContaining("3 examples").hasMessageContaining(Shape.of(2) + " 2");
        e.put("y", int64Npy(0, -1, 1));
        assertThatThrownBy(() -> NumpyData.readClassification(archive("neg.npz", e), null, null, 0))
                .isInstanceOf(DataFileException.class).hasMessageContaining("label -1.0");
    }

    @Test
    void regressionFromAnArchiveAndFromAnNpysLastColumns() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("x", new NpyArray.Float64(Shape.of(2, 2), new double[] {1, 2, 3, 4}));
        arrays.put("y", new NpyArray.Float64(Shape.of(2, 2), new double[] {0.5, -1, 7, 8}));
        Path f = dir.resolve("r.npz");
        Npz.write(f, arrays, true);
        Dataset d = NumpyData.readRegression(f, null, null, 0);
        assertThat(d.targetCount()).isEqualTo(2);
        assertThat(d.targetArray()).containsExactly(0.5f, -1, 7, 8);
        Path npy = dir.resolve("r.npy");
        Npy.write(npy, new NpyArray.Float32(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6}));
        Dataset one = NumpyData.readRegression(npy, null, null, 1);
        assertThat(one.featureArray()).containsExactly(1, 2, 4, 5);
        assertThat(one.targetArray()).containsExactly(3, 6);
    }

    @Test
    void classificationFromAnNpysLabelColumn() throws IOException {
        Path npy = dir.resolve("c.npy");
        Npy.write(npy, new NpyArray.Float32(Shape.of(2, 3), new float[] {1, 0.5f, 2, 0, -1, 3}));
        assertThat(NumpyData.readClassification(npy, null, null, 0).labels()).containsExactly(1, 0);
        Dataset last = NumpyData.readClassification(npy, null, null, -1);
        assertThat(last.labels()).containsExactly(2, 3);
        assertThat(last.featureArray()).containsExactly(1, 0.5f, 0, -1);
        Npy.write(npy, new NpyArray.Float32(Shape.of(6), new float[6]));
        assertThatThrownBy(() -> NumpyData.readClassification(npy, null, null, 0))
                .isInstanceOf(DataFileException.class).hasMessageContaining("2-D");
    }

    @Test
    void featuresToPredictOn() throws IOException {
        Path npy = dir.resolve("f.npy");
        Npy.write(npy, images());
        Csv.Matrix m = NumpyData.readFeatures(npy, null);
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.columns()).isEqualTo(4);
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put("images", npy(images()));
        assertThat(NumpyData.readFeatures(archive("one.npz", one), null).values()).containsExactly(images().data());
        Npy.write(npy, new NpyArray.Float32(Shape.of(2), new float[] {1, Float.NaN}));
        assertThatThrownBy(() -> NumpyData.readFeatures(npy, null)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("not finite");
    }

    @Test
    void aDatasetFromAnArchiveTrainsAnMlp() throws IOException {
        int n = 64;
        float[] x = new float[n * 2];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (i % 2) * 2 - 1;
            x[2 * i + 1] = (i % 3) / 3f;
            y[i] = i % 2;
        }
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("x", npy(new NpyArray.Float32(Shape.of(n, 2), x)));
        e.put("y", int64Npy(y));
        Dataset d = NumpyData.readClassification(archive("train.npz", e), null, null, 0);
        Mlp mlp = Mlp.builder().input(2).dense(8, Activation.RELU).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.adam(0.05)).seed(1).build(org.vecnn.Backends.get("loops"));
        mlp.fit(d, Fit.epochs(30).batchSize(16));
        assertThat(mlp.evaluate(d).accuracy()).isEqualTo(1.0);
    }
}
