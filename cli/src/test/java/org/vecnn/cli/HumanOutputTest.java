package org.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands as a person sees them: the human output of every command, printed through buffered writers as
 * {@code System.out} is (so a missing flush shows), errors that say what failed and why, no progress bars
 * into a file, predictions and evaluations of a saved model.
 */
class HumanOutputTest {
    @TempDir
    Path tmp;

    private Path csv;

    private static final class Run {
        final int exitCode;
        final String out;
        final String err;
        final String stderr;

        Run(int exitCode, String out, String err, String stderr) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
            this.stderr = stderr;
        }
    }

    /** Runs as {@code Main} does, writers not auto-flushed; also captures what goes to System.err directly. */
    private static Run run(String... args) {
        return run(false, args);
    }

    private static Run run(boolean captureSystemErr, String... args) {
        CommandLine cl = Main.commandLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        PrintStream systemErr = System.err;
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        if (captureSystemErr) {
            System.setErr(new PrintStream(direct, true));
        }
        int exit;
        try {
            exit = Main.run(cl, args);
        } finally {
            System.setErr(systemErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                direct.toString(StandardCharsets.UTF_8));
    }

    /** Two features, a label in column 2: class 1 where x + y > 0. */
    @BeforeEach
    void data() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            double x = random.nextDouble(-1, 1);
            double y = random.nextDouble(-1, 1);
            text.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", x, y, x + y > 0 ? 1 : 0));
        }
        csv = Files.writeString(tmp.resolve("points.csv"), text);
    }

    private Path trainedModel() {
        Path model = tmp.resolve("points.vecnn");
        Run train = run("train", "--data", csv.toString(), "--label-column", "2", "--epochs", "30", "--hidden", "8",
                "--learning-rate", "0.05", "--batch-size", "16", "--save", model.toString(), "--report",
                tmp.resolve("report").toString());
        assertThat(train.exitCode).as(train.err).isZero();
        return model;
    }

    @Test
    void verifyPrintsItsTable() {
        Run run = run("verify", "--cases", "3");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("backend", "op", "dtype", "error / tolerance", "agrees");
    }

    @Test
    void backendsPrintsItsTableAndTheDefault() {
        Run run = run("backends");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("backend", "loops", "available", "* the default");
    }

    @Test
    void trainSaysWhatItTrainsOnWhereAndPrintsNoProgressIntoAFile() throws IOException {
        Run run = run(true, "train", "--data", csv.toString(), "--label-column", "2", "--epochs", "2", "--hidden", "8",
                "--backend", "loops", "--report", tmp.resolve("r").toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("network: Mlp(2 -> dense(8, relu) -> dense(2, softmax), cross_entropy")
                .contains("data:    " + csv + ": 200 examples of 2 features, 2 classes; 160 to train on, 40 to validate")
                .contains("backend: loops (").contains("epoch").contains("train loss").contains("samples/s");
        assertThat(run.stderr).as("no progress bar when System.err is not a terminal").doesNotContain("\r")
                .doesNotContain("epoch 1/2");
    }

    @Test
    void dtypesAreAcceptedInEitherCase() {
        for (String dtype : new String[] {"float64", "FLOAT64", "Float32"}) {
            Run run = run("train", "--data", csv.toString(), "--label-column", "2", "--epochs", "1", "--hidden", "4",
                    "--dtype", dtype, "--json", "--report", tmp.resolve("d").toString());
            assertThat(run.exitCode).as(run.err).isZero();
            assertThat(JsonParser.parseString(run.out).getAsJsonObject().get("dtype").getAsString())
                    .isEqualTo(dtype.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void saveIntoAMissingDirectorySaysWhatFailedAndWhy() {
        Path model = tmp.resolve("no/such/dir/m.vecnn");
        Run run = run("train", "--data", csv.toString(), "--label-column", "2", "--epochs", "1", "--hidden", "4",
                "--save", model.toString(), "--report", tmp.resolve("s").toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).as("stderr: " + run.stderr + " out: " + run.out).contains("--save " + model).contains("does not exist");
    }

    @Test
    void reportWhereNothingCanBeWrittenSaysWhatFailedAndWhy() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc");
        Run run = run("train", "--data", csv.toString(), "--label-column", "2", "--epochs", "1", "--hidden", "4",
                "--report", "/proc/x");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("--report /proc/x: cannot write training.png: /proc/x");
        assertThat(run.err.trim()).isNotEqualTo("vecnn train: /proc/x");
    }

    @Test
    void predictPrintsClassesOrOutputsAsCsvOrJson() throws IOException {
        Path model = trainedModel();
        Run classes = run("predict", model.toString(), "--data", csv.toString(), "--label-column", "2");
        assertThat(classes.exitCode).as(classes.err).isZero();
        String[] lines = classes.out.split("\\R");
        assertThat(lines).hasSize(200).allMatch(l -> l.equals("0") || l.equals("1"));
        String[] rows = Files.readAllLines(csv).toArray(new String[0]);
        long right = 0;
        for (int i = 0; i < rows.length; i++) {
            right += rows[i].endsWith("," + lines[i]) ? 1 : 0;
        }
        assertThat(right).as("correct predictions").isGreaterThan(180);

        Run outputs = run("predict", model.toString(), "--data", csv.toString(), "--label-column", "2", "--outputs",
                "--format", "json");
        assertThat(outputs.exitCode).as(outputs.err).isZero();
        JsonArray array = JsonParser.parseString(outputs.out).getAsJsonArray();
        assertThat(array).hasSize(200);
        JsonArray first = array.get(0).getAsJsonArray();
        assertThat(first.get(0).getAsDouble() + first.get(1).getAsDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));

        Path idx = tmp.resolve("points-idx");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(idx))) {
            out.write(new byte[] {0, 0, 0x0D, 2});
            out.writeInt(2);
            out.writeInt(2);
            out.writeFloat(0.9f);
            out.writeFloat(0.8f);
            out.writeFloat(-0.9f);
            out.writeFloat(-0.7f);
        }
        Run fromIdx = run("predict", model.toString(), "--data", idx.toString(), "--format", "json");
        assertThat(fromIdx.exitCode).as(fromIdx.err).isZero();
        assertThat(fromIdx.out.trim()).isEqualTo("[1,0]");

        Run wrongWidth = run("predict", model.toString(), "--data", csv.toString());
        assertThat(wrongWidth.exitCode).isEqualTo(1);
        assertThat(wrongWidth.err).contains("3 features per example but the model").contains("takes 2").contains("--label-column");
    }

    @Test
    void evaluatePrintsLossAndAccuracy() {
        Path model = trainedModel();
        Run human = run("evaluate", model.toString(), "--data", csv.toString(), "--label-column", "2");
        assertThat(human.exitCode).as(human.err).isZero();
        assertThat(human.out).contains("network:  Mlp(2 -> dense(8, relu)").contains(": 200 examples")
                .containsPattern("loss: +0\\.\\d{4}").containsPattern("accuracy: +0\\.9\\d{3}");
        Run json = run("evaluate", model.toString(), "--data", csv.toString(), "--label-column", "2", "--json");
        JsonObject outcome = JsonParser.parseString(json.out).getAsJsonObject();
        assertThat(outcome.get("samples").getAsInt()).isEqualTo(200);
        assertThat(outcome.get("accuracy").getAsDouble()).isGreaterThan(0.9);
        Run missing = run("evaluate", tmp.resolve("nope.vecnn").toString(), "--data", csv.toString());
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).contains("nope.vecnn: cannot read a model file: no such file");
    }
}
