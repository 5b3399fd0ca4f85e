package org.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Backends;
import picocli.CommandLine;

/**
 * Data a user gets wrong, as the commands answer it: a label column that is not one, a header read as data,
 * a labelled file given to predict, a missing file, a default backend that cannot be had.
 */
class DataChecksTest {
    private static final int ROWS = 1000;

    @TempDir
    Path tmp;

    /** A digits-like file: 64 integer "pixels" (column 1 always 0), the label (0-9) last. */
    private Path digits;

    private record Run(int exitCode, String out, String err) {
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
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            int label = i % 10;
            StringBuilder row = new StringBuilder("0");
            for (int c = 1; c < 64; c++) {
                // column 6 (index 5): intensities 0-2 everywhere, 16 in ten rows, 3-15 in none
                int value = c == 5 ? (i % 100 == 0 ? 16 : i % 3) : Math.min(16, random.nextInt(9) + (c % 10 == label ? 8 : 0));
                row.append(',').append(value);
            }
            text.append(row).append(',').append(label).append('\n');
        }
        digits = Files.writeString(tmp.resolve("digits.csv"), text);
    }

    private String[] train(String... more) {
        String[] base = {"train", "--data", digits.toString(), "--epochs", "1", "--hidden", "8", "--report",
            tmp.resolve("report").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return args;
    }

    @Test
    void aConstantColumnAsLabelIsRefusedNamingTheColumnWhatItHoldsAndTheOptionThatFindsTheLabel() {
        Run run = run(train());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--data " + digits + ": column 1 (--label-column 0) holds one value, 0, in all "
                + ROWS + " examples: one class, nothing to learn")
                .contains("--label-column N (from 0; negative counts from the end) or --label-column last")
                .contains("(column 65, --label-column last, holds 10 classes of 100 to 100 examples: the label?)")
                .doesNotContain("Usage:");
        assertThat(run.out()).doesNotContain("epoch");
    }

    @Test
    void aColumnOfRareOrMissingClassesIsRefusedUnlessAllowed() {
        Run run = run(train("--label-column", "5"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("column 6 (--label-column 5) gives 17 classes (0 to 16), 13 of them with fewer "
                + "than 5 of the " + ROWS + " examples (class 3: 0, class 4: 0")
                .contains("--allow-rare-classes").contains("--label-column last");
        Run allowed = run(train("--label-column", "5", "--allow-rare-classes", "--json"));
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        JsonObject outcome = JsonParser.parseString(allowed.out()).getAsJsonObject();
        assertThat(outcome.get("classes").getAsInt()).isEqualTo(17);
        assertThat(outcome.getAsJsonArray("classCounts").get(16).getAsInt()).isEqualTo(10);
    }

    @Test
    void aFeatureColumnOfFractionsIsNotALabelColumn() throws IOException {
        Path scaled = Files.writeString(tmp.resolve("scaled.csv"), "0.0625,0.5,1\n0.125,0.25,0\n0.5,0.75,1\n");
        Run run = run("train", "--data", scaled.toString(), "--label-column", "1", "--report", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("column 2 (--label-column 1) is not a label column: example 1 holds 0.5, and "
                + "class labels are integers from 0").contains("--label-column last");
    }

    @Test
    void theRightColumnTrainsAndTheClassCountsArePrinted() {
        Run run = run(train("--label-column", "last", "--backend", "loops"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("64 features, 10 classes")
                .contains("classes: 0: 100, 1: 100, 2: 100, 3: 100, 4: 100, 5: 100, 6: 100, 7: 100, 8: 100, 9: 100");
        Run negative = run(train("--label-column", "-1", "--json"));
        assertThat(negative.exitCode()).as(negative.err()).isZero();
        assertThat(JsonParser.parseString(negative.out()).getAsJsonObject().getAsJsonArray("classCounts"))
                .hasSize(10);
        Run bad = run(train("--label-column", "penultimate"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'penultimate' is not a column");
        Run outside = run(train("--label-column", "70"));
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.err()).contains("--label-column 70 does not exist: the file has 65 columns");
    }

    @Test
    void aHeaderReadAsDataSaysToPassHeader() throws IOException {
        Path headed = Files.writeString(tmp.resolve("headed.csv"), "x,y,label\n\n1,2,0\n3,4,1\n5,6,1\n7,8,0\n9,1,0\n");
        Run train = run("train", "--data", headed.toString(), "--label-column", "last", "--report", tmp.toString());
        assertThat(train.exitCode()).isEqualTo(1);
        assertThat(train.err()).contains(headed + ": line 1 looks like a header (\"x\" is not a number, and line 3 "
                + "holds only numbers): pass --header to skip it");
        Path model = trainedModel();
        Path headedDigits = Files.writeString(tmp.resolve("headed-digits.csv"),
                "p0" + ",p".repeat(63) + ",label\n" + Files.readString(digits));
        for (String command : new String[] {"predict", "evaluate"}) {
            Run run = run(command, model.toString(), "--data", headedDigits.toString(), "--label-column", "last");
            assertThat(run.exitCode()).as(command).isEqualTo(1);
            assertThat(run.err()).as(command).contains("line 1 looks like a header").contains("pass --header");
            Run fine = run(command, model.toString(), "--data", headedDigits.toString(), "--label-column", "last",
                    "--header");
            assertThat(fine.exitCode()).as(command + ": " + fine.err()).isZero();
        }
    }

    private Path trainedModel() {
        Path model = tmp.resolve("digits.vecnn");
        Run train = run(train("--label-column", "last", "--save", model.toString()));
        assertThat(train.exitCode()).as(train.err()).isZero();
        return model;
    }

    @Test
    void aLabelledFileGivenToPredictNamesTheLabelOptionWithoutTheUsage() {
        Path model = trainedModel();
        Run run = run("predict", model.toString(), "--data", digits.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--data " + digits + " has 65 features per example but the model " + model
                + " takes 64: one more, a label column? Leave it out with --label-column N").contains("or --label-column last")
                .doesNotContain("Usage:");
        assertThat(run.err().lines().count()).isEqualTo(1);
        Run right = run("predict", model.toString(), "--data", digits.toString(), "--label-column", "last");
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(right.out().lines().count()).isEqualTo(ROWS);
    }

    @Test
    void evaluateSaysWhatTheFileHoldsAgainstWhatTheModelTakes() throws IOException {
        Path model = trainedModel();
        Run constant = run("evaluate", model.toString(), "--data", digits.toString(), "--label-column", "5");
        assertThat(constant.exitCode()).isEqualTo(1);
        assertThat(constant.err()).contains("column 6 (--label-column 5): example 1 has label 16, but the model has 10 "
                + "classes (labels 0 to 9)").doesNotContain("targets");
        Path narrow = Files.writeString(tmp.resolve("narrow.csv"), "1,2,3\n4,5,6\n");
        Run wrongWidth = run("evaluate", model.toString(), "--data", narrow.toString(), "--label-column", "last");
        assertThat(wrongWidth.exitCode()).isEqualTo(1);
        assertThat(wrongWidth.err()).contains("--data " + narrow + " has 3 columns: 2 features besides the label in "
                + "column 3 (--label-column last), but the model takes 64 features").doesNotContain("targets")
                .doesNotContain("Usage:");
        Run right = run("evaluate", model.toString(), "--data", digits.toString(), "--label-column", "last", "--json");
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(JsonParser.parseString(right.out()).getAsJsonObject().get("samples").getAsInt()).isEqualTo(ROWS);
    }

    @Test
    void aMissingFileIsSaidTheSameWayByEveryCommand() {
        Path model = trainedModel();
        Path missing = tmp.resolve("missing.csv");
        String expected = "--data " + missing + ": no such file or directory";
        Run train = run("train", "--data", missing.toString());
        Run predict = run("predict", model.toString(), "--data", missing.toString());
        Run evaluate = run("evaluate", model.toString(), "--data", missing.toString());
        for (Run run : new Run[] {train, predict, evaluate}) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(expected);
        }
        Run noModel = run("predict", tmp.resolve("none.vecnn").toString(), "--data", digits.toString());
        assertThat(noModel.err()).contains("none.vecnn: cannot read a model file: no such file or directory");
    }

    @Test
    void aDefaultBackendThatCannotBeHadStopsTrainBackendsAndVerifyAlike() {
        String before = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, "foo");
        try {
            String[][] commands = {train("--label-column", "last"), {"backends"}, {"backends", "--json"},
                {"verify", "--cases", "1"}};
            for (String[] command : commands) {
                Run run = run(command);
                assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(3);
                assertThat(run.err()).as(String.join(" ", command)).contains("-Dvecnn.backend=foo: ").contains("foo")
                        .contains("loops");
            }
            Run listed = run("backends");
            assertThat(listed.out()).as("the list is still printed").contains("loops").doesNotContain(" * ");
            Run named = run(train("--label-column", "last", "--backend", "loops"));
            assertThat(named.exitCode()).as("--backend wins over the default: " + named.err()).isZero();
        } finally {
            if (before == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, before);
            }
        }
        assertThat(run("backends").exitCode()).isZero();
    }
}
