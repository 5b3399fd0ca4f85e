package org.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands as a script sees them: exit codes, output on stdout, JSON that parses. */
class CommandLineTest {
    @TempDir
    Path tmp;

    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        JsonArray json() {
            return JsonParser.parseString(out).getAsJsonArray();
        }
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void backendsListsEveryProviderAndOneDefault() {
        Run run = run("backends", "--json");
        assertThat(run.exitCode).isZero();
        JsonArray backends = run.json();
        assertThat(backends).extracting(e -> e.getAsJsonObject().get("name").getAsString()).contains("loops", "ejml");
        assertThat(backends).filteredOn(e -> e.getAsJsonObject().get("isDefault").getAsBoolean()).hasSize(1);
        JsonObject loops = find(backends, "name", "loops");
        assertThat(loops.get("available").getAsBoolean()).isTrue();
        assertThat(loops.get("dtypes").getAsJsonArray().toString()).contains("float32", "float64");
        assertThat(run("backends").out).contains("loops").contains("available").contains("* the default");
    }

    @Test
    void verifyReportsAgreementPerOperationAndDtype() {
        Run run = run("verify", "--cases", "10", "--json");
        assertThat(run.exitCode).isZero();
        JsonArray results = run.json();
        assertThat(results).isNotEmpty();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            assertThat(r.get("agrees").getAsBoolean()).as(r.toString()).isTrue();
            assertThat(r.get("cases").getAsInt()).isEqualTo(10);
            assertThat(r.get("worstRatio").getAsDouble()).isBetween(0.0, 1.0);
        }
        assertThat(results).extracting(e -> e.getAsJsonObject().get("op").getAsString())
                .contains("matmul", "dot", "add", "multiply");
    }

    @Test
    void benchTimesEveryWorkloadAgainstLoopsAndWritesTheReport() throws Exception {
        Path report = tmp.resolve("report");
        Run run = run("bench", "--quick", "--dtype", "FLOAT32", "--backend", "ejml", "--json", "--report", report.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        JsonArray results = run.json();
        assertThat(results).extracting(e -> e.getAsJsonObject().get("backend").getAsString()).containsOnly("loops", "ejml");
        JsonObject vectorizedOnLoops = null;
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            assertThat(r.get("medianMillis").getAsDouble()).isPositive();
            assertThat(r.get("speedup").getAsDouble()).isPositive();
            if (r.get("workload").getAsString().equals(Workloads.VECTORIZED) && r.get("backend").getAsString().equals("loops")) {
                vectorizedOnLoops = r;
            }
        }
        assertThat(vectorizedOnLoops).isNotNull();
        assertThat(vectorizedOnLoops.get("baselineWorkload").getAsString()).isEqualTo(Workloads.PER_SAMPLE);
        assertThat(report.resolve("index.html")).exists();
        assertThat(report.resolve("bench.json")).exists();
        assertThat(Files.size(report.resolve("speedup-float32.png"))).isPositive();
    }

    @Test
    void trainLearnsTheGeneratedDigitsAndSavesTheModel() throws Exception {
        Environment.require(org.vecnn.nn.GeneratedDigits.unavailableReason());
        Path model = tmp.resolve("digits.vecnn");
        Run run = run("train", "--samples", "1500", "--epochs", "4", "--hidden", "32", "--json",
                "--save", model.toString(), "--report", tmp.resolve("train").toString());
        assertThat(run.exitCode).as(run.err).isZero();
        JsonObject outcome = JsonParser.parseString(run.out).getAsJsonObject();
        JsonArray epochs = outcome.get("epochs").getAsJsonArray();
        assertThat(epochs).hasSize(4);
        double firstLoss = epochs.get(0).getAsJsonObject().get("trainLoss").getAsDouble();
        JsonObject last = epochs.get(3).getAsJsonObject();
        assertThat(last.get("trainLoss").getAsDouble()).isLessThan(firstLoss);
        assertThat(last.get("validationAccuracy").getAsDouble()).isGreaterThan(0.5);
        assertThat(outcome.get("validationSamples").getAsInt()).isEqualTo(300);
        assertThat(model).isNotEmptyFile();
        assertThat(tmp.resolve("train").resolve("training.png")).isNotEmptyFile();
    }

    @Test
    void trainRefusesDataItCannotRead() {
        Run run = run("train", "--data", tmp.resolve("missing").toString(), "--quiet");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("no such file or directory");
        assertThat(run("train", "--epochs", "0").exitCode).isEqualTo(2);
        Run tiny = run("train", "--samples", "2", "--quiet");
        assertThat(tiny.exitCode).isEqualTo(2);
        assertThat(tiny.err).contains("at least 5 samples");
    }

    @Test
    void demoRunsWithoutArguments() {
        Run run = run("demo", "--quiet", "--report", tmp.resolve("demo").toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("== Backends", "== Agreement", "== Loops against vectorized code", "== Training",
                "report: ");
        if (org.vecnn.nn.GeneratedDigits.unavailableReason() == null) {
            assertThat(run.out).contains("training chart: ");
        } else {
            assertThat(run.out).contains("== Training: skipped, generated digits: Java2D cannot render text");
        }
    }

    @Test
    void badArgumentsPrintUsageAndExitTwo() {
        Run run = run("verify", "--cases", "many");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--cases").contains("Usage: vecnn verify");
        assertThat(run("frobnicate").exitCode).isEqualTo(2);
        assertThat(run().exitCode).isEqualTo(2);
        Run zero = run("verify", "--cases", "0");
        assertThat(zero.exitCode).isEqualTo(2);
        assertThat(zero.err).contains("at least 1");
    }

    @Test
    void unknownBackendExitsThreeAndNamesTheKnownOnes() {
        Run run = run("bench", "--backend", "nd5j", "--quick");
        assertThat(run.exitCode).isEqualTo(3);
        assertThat(run.err).contains("nd5j").contains("loops");
    }

    @Test
    void helpListsTheExitCodes() {
        Run run = run("--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("Exit codes:").contains("3   the backend asked for");
        for (String command : new String[] {"backends", "verify", "bench", "train", "demo"}) {
            Run help = run(command, "--help");
            assertThat(help.exitCode).isZero();
            assertThat(help.out).as(command).startsWith("Usage: vecnn " + command).doesNotContain("%n");
        }
        assertThat(run("train", "--help").out).contains("20% is held");
    }

    private static JsonObject find(JsonArray array, String key, String value) {
        for (JsonElement e : array) {
            if (e.getAsJsonObject().get(key).getAsString().equals(value)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError(value + " not in " + array);
    }
}
