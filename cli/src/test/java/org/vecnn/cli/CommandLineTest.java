package org.vecnn.cli;

import org.vecnn.tck.Environment;
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
        String page = Files.readString(report.resolve("index.html"));
        assertThat(page).contains("is compared with <b>" + Workloads.PER_SAMPLE);
        assertThat(page).doesNotContain("<td>0.0x</td>");
        assertThat(results.get(0).getAsJsonObject().get("q3Millis").getAsDouble()).isPositive();
    }

    @Test
    void benchTableShowsTheSpreadOfEveryMedian() {
        Run run = run("bench", "--quick", "--dtype", "FLOAT32", "--backend", "ejml", "--report", tmp.resolve("r").toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("median ms", "IQR ms", "min-max ms", "speed-up", "against loops running", "report: ");
        assertThat(run.out.lines().filter(l -> l.startsWith(Workloads.VECTORIZED) && l.contains("ejml")).findFirst()
                .orElseThrow().stripTrailing()).as("the vectorized row names the per-sample loops row it is compared with")
                .endsWith(Workloads.PER_SAMPLE);
        String vectorized = run.out.lines().filter(l -> l.startsWith(Workloads.VECTORIZED) && l.contains("ejml"))
                .findFirst().orElseThrow();
        assertThat(vectorized).matches(".*\\d-\\d.*\\d-\\d.*x.*");
    }

    @Test
    void ratiosOfUnsteadyTimesAreMarked() {
        Spread steady = Spread.of(10, 10.1, 10.2, 9.9, 10);
        Spread unsteady = Spread.of(10, 20, 5, 10, 14);
        assertThat(steady.unsteady()).isFalse();
        assertThat(unsteady.unsteady()).isTrue();
        assertThat(steady.q1).isEqualTo(10.0);
        assertThat(unsteady.median).isEqualTo(10.0);
        assertThat(MlpBenchCommand.ratio(0.045, false)).isEqualTo("0.045x ?");
        assertThat(MlpBenchCommand.ratio(1.52, true)).isEqualTo("1.52x");
        assertThat(MlpBenchCommand.ratio(1.04, true)).isEqualTo("1.04x");
        assertThat(MlpBenchCommand.ratio(12.34, true)).isEqualTo("12.3x");
    }

    @Test
    void benchMlpTrainsEveryBackendBesideNumpy() throws Exception {
        Path report = tmp.resolve("mlp");
        Run run = run("bench", "mlp", "--samples", "256", "--epochs", "2", "--warmup", "1", "--backends", "ejml,loops", "--json",
                "--report", report.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        JsonObject outcome = JsonParser.parseString(run.out).getAsJsonObject();
        assertThat(outcome.get("samples").getAsInt()).isEqualTo(256);
        JsonArray backends = outcome.getAsJsonArray("backends");
        assertThat(backends).extracting(e -> e.getAsJsonObject().get("backend").getAsString()).containsExactly("ejml", "loops");
        boolean numpy = outcome.getAsJsonObject("numpy").get("present").getAsBoolean();
        for (JsonElement e : backends) {
            JsonObject r = e.getAsJsonObject();
            assertThat(r.getAsJsonObject("train").getAsJsonArray("values")).hasSize(2);
            assertThat(r.getAsJsonObject("train").get("median").getAsDouble()).isPositive();
            assertThat(r.getAsJsonObject("predict").get("median").getAsDouble()).isPositive();
            assertThat(r.getAsJsonArray("lossPerEpoch")).hasSize(3);
            assertThat(Double.isNaN(r.get("trainRatio").getAsDouble())).isEqualTo(!numpy);
        }
        if (numpy) {
            JsonObject n = outcome.getAsJsonObject("numpy");
            assertThat(n.getAsJsonObject("train").get("median").getAsDouble()).isPositive();
            assertThat(n.getAsJsonArray("lossPerEpoch")).hasSize(2);
            // the same recipe from another generator: the first epoch's loss is close, not equal
            double numpyLoss = n.getAsJsonArray("lossPerEpoch").get(0).getAsDouble();
            double ejmlLoss = backends.get(0).getAsJsonObject().getAsJsonArray("lossPerEpoch").get(0).getAsDouble();
            assertThat(ejmlLoss).isCloseTo(numpyLoss, org.assertj.core.data.Offset.offset(0.5));
        }
        assertThat(Files.size(report.resolve(MlpBenchReport.PNG))).isPositive();
        assertThat(report.resolve(MlpBenchReport.JSON)).isNotEmptyFile();
        assertThat(Files.readString(report.resolve(MlpBenchReport.HTML))).contains("train samples/s");
    }

    @Test
    void benchMlpSaysWhenNumpyIsAbsentAndPrintsNoRatio() {
        Run run = run("bench", "mlp", "--samples", "128", "--epochs", "1", "--warmup", "0", "--backends", "loops",
                "--python", tmp.resolve("no-python").toString(), "--report", tmp.resolve("r").toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("NumPy: no ", "with NumPy on the PATH", "no ratios", "train samples/s", "report: ");
        String loops = run.out.lines().filter(l -> l.startsWith("loops")).findFirst().orElseThrow();
        assertThat(loops).doesNotContain("x").contains(" - ");
        assertThat(run.out.lines().filter(l -> l.startsWith("numpy"))).isEmpty();
    }

    @Test
    void benchMlpRefusesNonsense() {
        assertThat(run("bench", "mlp", "--epochs", "0").exitCode).isEqualTo(2);
        assertThat(run("bench", "mlp", "--backends", "nd5j", "--no-numpy").exitCode).isEqualTo(3);
    }

    @Test
    void benchCallsStatesTheCostOfOneSmallCallPerBackend() {
        Run run = run("bench", "calls", "--backend", "ejml", "--seconds", "0.05", "--json");
        assertThat(run.exitCode).as(run.err).isZero();
        JsonArray costs = run.json();
        assertThat(costs).extracting(e -> e.getAsJsonObject().get("operation").getAsString())
                .containsExactly("add 3x3, out=", "add 3x3, new result", "matmul 3x3, out=", "matmul 3x3, new result");
        for (JsonElement e : costs) {
            assertThat(e.getAsJsonObject().get("backend").getAsString()).isEqualTo("ejml");
            assertThat(e.getAsJsonObject().get("medianNanos").getAsDouble()).isPositive();
        }
        assertThat(run("bench", "calls", "--backend", "loops", "--seconds", "0.05").out)
                .contains("ns per call", "matmul 3x3, out=", "loops");
    }

    @Test
    void trainLearnsTheGeneratedDigitsAndSavesTheModel() throws Exception {
        Environment.require(org.vecnn.digits.GeneratedDigits.unavailableReason());
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
    void exportWritesOnnxThatPredictAndEvaluateRead() throws Exception {
        org.vecnn.nn.Mlp mlp = org.vecnn.nn.Mlp.builder().input(4).dense(6, org.vecnn.nn.Activation.TANH)
                .dense(3, org.vecnn.nn.Activation.SOFTMAX).loss(org.vecnn.nn.Loss.CROSS_ENTROPY)
                .optimizer(org.vecnn.nn.Optimizer.sgd(0.1)).seed(5).build(org.vecnn.Backends.get("loops"));
        Path model = tmp.resolve("small.vecnn");
        mlp.save(model);
        Path onnx = tmp.resolve("small.onnx");
        Run export = run("export", model.toString(), "--onnx", onnx.toString());
        assertThat(export.exitCode).as(export.err).isZero();
        assertThat(export.out).contains("wrote " + onnx, "opset 17", "4 inputs -> 3 outputs");
        Path csv = tmp.resolve("data.csv");
        Files.writeString(csv, "0,0.5,-1,2,0.25\n2,-0.5,1,0,1\n1,1,1,-2,0.5\n");
        Run fromVecnn = run("predict", model.toString(), "--data", csv.toString(), "--label-column", "0", "--outputs",
                "--backend", "loops");
        Run fromOnnx = run("predict", onnx.toString(), "--data", csv.toString(), "--label-column", "0", "--outputs",
                "--backend", "loops");
        assertThat(fromOnnx.exitCode).as(fromOnnx.err).isZero();
        assertThat(fromOnnx.out).isEqualTo(fromVecnn.out).hasLineCount(3);
        Run evaluate = run("evaluate", onnx.toString(), "--data", csv.toString(), "--json", "--backend", "loops");
        assertThat(evaluate.exitCode).as(evaluate.err).isZero();
        assertThat(JsonParser.parseString(evaluate.out).getAsJsonObject().get("samples").getAsInt()).isEqualTo(3);
        Path notOnnx = tmp.resolve("text.onnx");
        Files.writeString(notOnnx, "not a model");
        Run bad = run("predict", notOnnx.toString(), "--data", csv.toString());
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.err).contains(notOnnx.toString(), "not an ONNX model");
    }

    @Test
    void benchOnnxTimesOnnxRuntimeAndVecnnOnTheSameModel() {
        Run run = run("bench", "onnx", "--backend", "ejml", "--samples", "256", "--batch", "32", "--latency-calls", "20",
                "--repeats", "1", "--json");
        assertThat(run.exitCode).as(run.err).isZero();
        JsonArray results = run.json();
        assertThat(results).extracting(e -> e.getAsJsonObject().get("engine").getAsString())
                .hasSize(2).first().asString().startsWith("onnxruntime ");
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            assertThat(r.get("latencyMedianMicros").getAsDouble()).isPositive();
            assertThat(r.get("latencyP99Micros").getAsDouble()).isGreaterThanOrEqualTo(
                    r.get("latencyMedianMicros").getAsDouble());
            assertThat(r.get("batchSamplesPerSecond").getAsDouble()).isPositive();
            assertThat(r.get("allSamplesPerSecond").getAsDouble()).isPositive();
            assertThat(r.get("maxDifferenceFromOrt").getAsDouble()).isLessThan(1e-5);
        }
        assertThat(results.get(1).getAsJsonObject().get("engine").getAsString()).isEqualTo("vecnn ejml");
    }

    @Test
    void trainRefusesDataItCannotRead() {
        Run run = run("train", "--data", tmp.resolve("missing").toString(), "--quiet");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("no such file or directory");
        assertThat(run("train", "--epochs", "0").exitCode).isEqualTo(2);
        Run tiny = run("train", "--samples", "2", "--quiet");
        assertThat(tiny.exitCode).isEqualTo(2);
        assertThat(tiny.err).contains("2 examples leave none to validate with at --validation 0.2").contains("--validation 0");
    }

    @Test
    void demoRunsWithoutArguments() {
        Run run = run("demo", "--quiet", "--report", tmp.resolve("demo").toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("== Backends", "== Agreement", "== Loops against vectorized code", "== Training",
                "report: ");
        if (org.vecnn.digits.GeneratedDigits.unavailableReason() == null) {
            assertThat(run.out).contains("training chart: ");
            assertThat(tmp.resolve("demo").resolve("index.html")).content().contains("<img src=\"training.png\"");
            String training = run.out.substring(run.out.indexOf("== Training"));
            String lastEpoch = training.lines().map(String::trim)
                    .filter(l -> l.startsWith(DemoCommand.DEMO_EPOCHS + " ")).findFirst().orElseThrow();
            double validationAccuracy = Double.parseDouble(lastEpoch.split("\\s+")[4]);
            assertThat(validationAccuracy).as("the demo's network reaches what it can: " + lastEpoch).isGreaterThan(0.85);
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
        for (String command : new String[] {"backends", "verify", "bench", "train", "demo", "bench mlp", "bench calls"}) {
            String[] words = command.split(" ");
            String[] args = java.util.Arrays.copyOf(words, words.length + 1);
            args[words.length] = "--help";
            Run help = run(args);
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
