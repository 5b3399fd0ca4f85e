package org.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Backends;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Mlp;
import picocli.CommandLine;

/** {@code vecnn train}'s network, optimizer, hold-out and scaling options, and the model they save. */
class TrainOptionsTest {
    @TempDir
    Path tmp;

    /**
     * 600 examples, 3 classes: the class is set by two features on far-from-unit scales (one around 10,000 with
     * a spread of 1,000, one in 0-255) beside a noise feature; the label last.
     */
    private Path csv;

    private record Run(int exitCode, String out, String err) {
        JsonObject json() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = Main.run(cl, args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void data() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            int label = i % 3;
            double amount = 10_000 + 1_000 * (label - 1) + 250 * random.nextGaussian();
            double pixel = label == 2 ? 200 + random.nextInt(56) : random.nextInt(120);
            text.append(String.format(Locale.ROOT, "%.2f,%.0f,%.3f,%d%n", amount, pixel, random.nextDouble(), label));
        }
        csv = Files.writeString(tmp.resolve("amounts.csv"), text);
    }

    private String[] train(String... more) {
        String[] base = {"train", "--data", csv.toString(), "--label-column", "last", "--report",
            tmp.resolve("report").toString(), "--json", "--backend", "loops"};
        String[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return args;
    }

    @Test
    void theNetworkAndOptimizerAreTheOnesAskedFor() {
        Run run = run(train("--hidden", "16,8", "--activation", "tanh", "--optimizer", "sgd", "--learning-rate", "0.05",
                "--batch-size", "32", "--epochs", "2"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("network").getAsString())
                .startsWith("Mlp(3 -> dense(16, tanh) -> dense(8, tanh) -> dense(3, softmax), cross_entropy, sgd(lr=0.05");
        Run momentum = run(train("--hidden", "4", "--optimizer", "MOMENTUM", "--activation", "leaky_relu", "--epochs", "1"));
        assertThat(momentum.exitCode()).as(momentum.err()).isZero();
        assertThat(momentum.json().get("network").getAsString()).contains("dense(4, leaky_relu")
                .contains("momentum(lr=0.01");
        Run adam = run(train("--hidden", "4", "--epochs", "1"));
        assertThat(adam.json().get("network").getAsString()).contains("adam(lr=0.001");
        assertThat(run(train("--activation", "softplus")).exitCode()).isEqualTo(2);
        assertThat(run(train("--hidden", "8,0")).exitCode()).isEqualTo(2);
        assertThat(run(train("--learning-rate", "-1")).exitCode()).isEqualTo(2);
    }

    @Test
    void theHoldOutIsAFractionOrNoneAndItsChoiceHasItsOwnSeed() throws IOException {
        Run none = run(train("--validation", "0", "--epochs", "2", "--hidden", "4"));
        assertThat(none.exitCode()).as(none.err()).isZero();
        JsonObject outcome = none.json();
        assertThat(outcome.get("trainSamples").getAsInt()).isEqualTo(600);
        assertThat(outcome.get("validationSamples").getAsInt()).isZero();
        for (JsonElement e : outcome.getAsJsonArray("epochs")) {
            assertThat(e.getAsJsonObject().get("validationLoss").getAsString()).isEqualTo("NaN");
        }
        Run human = run(Arrays.stream(train("--validation", "0", "--epochs", "1", "--hidden", "4"))
                .filter(a -> !a.equals("--json")).toArray(String[]::new));
        assertThat(human.out()).contains("600 to train on, none held out (--validation 0)");
        String row = human.out().lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow();
        assertThat(row).contains(" - ");

        Run quarter = run(train("--validation", "0.25", "--epochs", "1", "--hidden", "4"));
        assertThat(quarter.json().get("validationSamples").getAsInt()).isEqualTo(150);
        assertThat(run(train("--validation", "1")).exitCode()).isEqualTo(2);

        Dataset data = TrainingData.load(csv, 0, 0, new LabelColumn(-1), false, false);
        int[] a = heldOutLabels(data, "--seed", "1", "--split-seed", "7");
        int[] b = heldOutLabels(data, "--seed", "2", "--split-seed", "7");
        int[] c = heldOutLabels(data, "--seed", "1", "--split-seed", "8");
        assertThat(a).as("another --seed, the same split").containsExactly(b);
        assertThat(Arrays.equals(a, c)).as("another --split-seed, another split").isFalse();
    }

    /** The first features of the held-out examples the options choose, as a fingerprint of the split. */
    private static int[] heldOutLabels(Dataset data, String... options) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(options);
        float[] x = command.split(data).test().featureArray();
        int[] fingerprint = new int[x.length / 3];
        for (int i = 0; i < fingerprint.length; i++) {
            fingerprint[i] = Float.floatToIntBits(x[3 * i]);
        }
        return fingerprint;
    }

    @Test
    void standardizeSavesItsStatisticsAndPredictAndEvaluateApplyThemToRawData() throws IOException {
        Path model = tmp.resolve("amounts.vecnn");
        Run standardized = run(train("--standardize", "--epochs", "20", "--hidden", "16", "--learning-rate", "0.01",
                "--batch-size", "32", "--save", model.toString()));
        assertThat(standardized.exitCode()).as(standardized.err()).isZero();
        JsonObject outcome = standardized.json();
        assertThat(outcome.get("standardized").getAsBoolean()).isTrue();
        assertThat(outcome.get("network").getAsString()).startsWith("Mlp(3 -> standardize -> dense(16, relu)");
        JsonArray epochs = outcome.getAsJsonArray("epochs");
        double accuracy = epochs.get(epochs.size() - 1).getAsJsonObject().get("validationAccuracy").getAsDouble();
        assertThat(accuracy).isGreaterThan(0.9);

        Mlp loaded = Mlp.load(model, Backends.get("loops"));
        assertThat(loaded.standardization()).isPresent();
        Run evaluate = run("evaluate", model.toString(), "--data", csv.toString(), "--label-column", "last", "--json",
                "--backend", "loops");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(JsonParser.parseString(evaluate.out()).getAsJsonObject().get("accuracy").getAsDouble())
                .isGreaterThan(0.9);
        Run predict = run("predict", model.toString(), "--data", csv.toString(), "--label-column", "last", "--backend",
                "loops");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        String[] rows = Files.readAllLines(csv).toArray(new String[0]);
        String[] classes = predict.out().split("\\R");
        long right = 0;
        for (int i = 0; i < rows.length; i++) {
            right += rows[i].endsWith("," + classes[i]) ? 1 : 0;
        }
        assertThat(right).as("raw rows predicted right").isGreaterThan(540);

        Run raw = run(train("--epochs", "20", "--hidden", "16", "--learning-rate", "0.01", "--batch-size", "32"));
        JsonArray rawEpochs = raw.json().getAsJsonArray("epochs");
        assertThat(rawEpochs.get(rawEpochs.size() - 1).getAsJsonObject().get("validationAccuracy").getAsDouble())
                .as("the same network on the raw scales").isLessThan(accuracy);
    }

    @Test
    void everyEpochRowsSecondsGiveItsSamplesPerSecondAndTheSummarySaysWhatItAverages() {
        Run run = run(Arrays.stream(train("--epochs", "3", "--hidden", "4"))
                .filter(a -> !a.equals("--json")).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        long rows = 0;
        for (String line : run.out().lines().toList()) {
            String[] cells = line.trim().split(" +");
            if (cells.length == 7 && cells[0].matches("\\d+")) {
                double seconds = Double.parseDouble(cells[5]);
                double perSecond = Double.parseDouble(cells[6]);
                assertThat(seconds).as(line).isPositive();
                assertThat(480 / seconds).as(line).isCloseTo(perSecond, org.assertj.core.data.Percentage.withPercentage(1));
                rows++;
            }
        }
        assertThat(rows).isEqualTo(3);
        assertThat(run.out()).containsPattern("1440 samples in [0-9.]+ s, \\d+ samples/s \\(\\d+ samples/s after epoch 1");
        assertThat(TrainCommand.seconds(0.0011734)).isEqualTo("0.00117");
        assertThat(TrainCommand.seconds(12.345)).isEqualTo("12.3");
    }
}
