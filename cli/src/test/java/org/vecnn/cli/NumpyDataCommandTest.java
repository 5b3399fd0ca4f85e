package org.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Shape;
import org.vecnn.io.Npy;
import org.vecnn.io.NpyArray;
import org.vecnn.io.Npz;
import picocli.CommandLine;

/** {@code vecnn train/evaluate/predict --data FILE.npz|FILE.npy}. */
class NumpyDataCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    /** Two separable classes: the sign of the first feature; 200 examples of 3 features. */
    private static NpyArray.Float32 features(int n) {
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i % 2 == 0 ? 1 + (i % 7) / 7f : -1 - (i % 5) / 5f;
            x[3 * i + 1] = (i % 11) / 11f;
            x[3 * i + 2] = 0.5f;
        }
        return new NpyArray.Float32(Shape.of(n, 3), x);
    }

    private static NpyArray.Float64 labels(int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        return new NpyArray.Float64(Shape.of(n), y);
    }

    @Test
    void trainEvaluateAndPredictOnAnArchive() throws Exception {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("x", features(200));
        arrays.put("y", labels(200));
        Path data = tmp.resolve("data.npz");
        Npz.write(data, arrays, false);
        Path model = tmp.resolve("m.vecnn");
        Run train = run("train", "--data", data.toString(), "--epochs", "20", "--hidden", "8", "--learning-rate",
                "0.05", "--json", "--backend", "loops", "--save", model.toString(), "--report", tmp.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonObject outcome = JsonParser.parseString(train.out()).getAsJsonObject();
        assertThat(outcome.get("examples").getAsInt()).isEqualTo(200);
        assertThat(outcome.get("features").getAsInt()).isEqualTo(3);
        assertThat(outcome.get("classes").getAsInt()).isEqualTo(2);

        Run evaluate = run("evaluate", model.toString(), "--data", data.toString(), "--json", "--backend", "loops");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(JsonParser.parseString(evaluate.out()).getAsJsonObject().get("accuracy").getAsDouble()).isEqualTo(1.0);

        Path x = tmp.resolve("x.npy");
        Npy.write(x, features(4));
        Run predict = run("predict", model.toString(), "--data", x.toString(), "--backend", "loops");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).containsExactly("0", "1", "0", "1");
    }

    @Test
    void namedArraysAndAClearErrorWhenTheDefaultsFindNone() throws Exception {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("x_train", features(50));
        arrays.put("y_train", labels(50));
        arrays.put("x_test", features(10));
        Path data = tmp.resolve("keras.npz");
        Npz.write(data, arrays, true);
        Run missing = run("train", "--data", data.toString(), "--quiet", "--report", tmp.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no features array", "x_train", "--features-array NAME --labels-array NAME");
        Run named = run("train", "--data", data.toString(), "--features-array", "x_train", "--labels-array", "y_train",
                "--epochs", "1", "--json", "--backend", "loops", "--report", tmp.toString());
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(JsonParser.parseString(named.out()).getAsJsonObject().get("examples").getAsInt()).isEqualTo(50);
    }

    @Test
    void anNpyWithALabelColumn() throws Exception {
        int n = 40;
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            v[3 * i] = i % 3;
            v[3 * i + 1] = i;
            v[3 * i + 2] = -i;
        }
        Path data = tmp.resolve("table.npy");
        Npy.write(data, new NpyArray.Float32(Shape.of(n, 3), v));
        Path model = tmp.resolve("t.vecnn");
        Run train = run("train", "--data", data.toString(), "--label-column", "0", "--epochs", "1", "--json",
                "--backend", "loops", "--save", model.toString(), "--report", tmp.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonObject outcome = JsonParser.parseString(train.out()).getAsJsonObject();
        assertThat(outcome.get("features").getAsInt()).isEqualTo(2);
        assertThat(outcome.get("classes").getAsInt()).isEqualTo(3);
        Run predict = run("predict", model.toString(), "--data", data.toString(), "--label-column", "0",
                "--backend", "loops");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).hasSize(n);
    }
}
