package org.vecnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.nn.Dataset;
import org.vecnn.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vecnn bench mlp}: the NumPy baseline's MLP training and inference on every backend, beside NumPy. */
@Command(name = "mlp", mixinStandardHelpOptions = true,
        description = {"Train the workload of the NumPy baseline numpy_mlp.py on every backend through vecnn-nn: "
                + "784-256 (ReLU)-10 (softmax), cross-entropy, SGD lr 0.1, batch 128, float32, He-normal weights, "
                + "epochs of 60,000 generated samples (labels from a random linear teacher). Prints training samples/s "
                + "per backend (the median of the epochs after warm-up, with the spread) and inference samples/s "
                + "(predict over all samples).",
            "When python3 with NumPy is on the PATH, the same workload runs in NumPy in the same run (with "
                + "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment, as a user's NumPy runs) and "
                + "each backend's ratio to it is printed. The figures also go to --report as mlp.png, mlp.html and "
                + "mlp.json."})
final class MlpBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    BackendsOption backends;

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "N",
            description = "Timed epochs per backend and for NumPy, after the warm-up (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N",
            description = "Untimed epochs (and predictions) before them, for the JIT, which on 2 cores takes a few"
                    + " seconds to compile a backend's kernels (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--budget", defaultValue = "150", paramLabel = "SECONDS",
            description = "Time budget per backend (default ${DEFAULT-VALUE}): a backend estimated to need more "
                    + "is timed on fewer samples per epoch (whole batches), and the output says so.")
    double budget;

    @Option(names = "--no-numpy", description = "Do not run the NumPy baseline.")
    boolean noNumpy;

    @Option(names = "--seed", defaultValue = "1234", description = "Seed of the data and the weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "vecnn-report",
            description = "Where to write mlp.png, mlp.html and mlp.json (default ${DEFAULT-VALUE}).")
    Path report;

    /** Fewer samples per epoch, for tests; the default is the baseline's 60,000. */
    @Option(names = "--samples", defaultValue = "60000", hidden = true)
    int samples;

    /** The Python to run NumPy with, for tests. */
    @Option(names = "--python", defaultValue = "python3", hidden = true)
    String python;

    /** Everything one run measured, as printed with --json and written to mlp.json. */
    static final class Outcome {
        String workload;
        int samples;
        int warmupEpochs;
        int epochs;
        long seed;
        NumpyBaseline.Result numpy;
        List<MlpBench.Result> backends = new ArrayList<>();
        /** What it ran on. */
        MachineFacts machine = MachineFacts.current();
    }

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || warmup < 0 || samples < MlpWorkload.BATCH || !(budget > 0)) {
            throw new ParameterException(spec.commandLine(), "bench mlp: need --epochs >= 1, --warmup >= 0, --budget > 0"
                    + " and --samples >= " + MlpWorkload.BATCH + "; got " + epochs + ", " + warmup + ", " + budget + ", " + samples);
        }
        List<Backend> selected = select(backends.names);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = output.showProgress() ? spec.commandLine().getErr() : null;
        Outcome outcome = new Outcome();
        outcome.workload = String.format(Locale.ROOT, "MLP %d-%d-%d ReLU/softmax, cross-entropy, SGD lr %s, batch %d, float32",
                MlpWorkload.INPUTS, MlpWorkload.HIDDEN, MlpWorkload.OUTPUTS, MlpWorkload.LEARNING_RATE, MlpWorkload.BATCH);
        outcome.samples = samples;
        outcome.warmupEpochs = warmup;
        outcome.epochs = epochs;
        outcome.seed = seed;
        say(progress, "NumPy baseline...");
        outcome.numpy = new NumpyBaseline.Result();
        if (noNumpy) {
            outcome.numpy.reason = "not run (--no-numpy)";
        } else {
            outcome.numpy = NumpyBaseline.run(python, epochs, samples, seed);
        }
        Dataset data = MlpWorkload.data(samples, seed);
        for (Backend backend : selected) {
            say(progress, backend.name() + "...");
            MlpBench.Result result = MlpBench.measure(backend, data, warmup, epochs, budget, seed);
            result.relateTo(outcome.numpy);
            outcome.backends.add(result);
        }
        if (output.json) {
            out.println(Json.of(outcome));
        } else {
            out.print(text(outcome));
        }
        out.flush();
        Path page = MlpBenchReport.write(outcome, report);
        if (!output.json) {
            out.println("report: " + page.toAbsolutePath());
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static void say(PrintWriter progress, String what) {
        if (progress != null) {
            progress.println("bench mlp: " + what);
            progress.flush();
        }
    }

    private static List<Backend> select(List<String> names) {
        List<String> chosen = names.isEmpty()
                ? Backends.report().stream().filter(BackendStatus::available).map(BackendStatus::name).collect(Collectors.toList())
                : names;
        List<Backend> selected = new ArrayList<>();
        for (String name : chosen) {
            Backend backend = Backends.get(name.trim());
            if (!selected.contains(backend)) {
                if (!backend.capabilities().supports(DType.FLOAT32)) {
                    throw new IllegalArgumentException("bench mlp: backend " + backend.name() + " does not run float32");
                }
                selected.add(backend);
            }
        }
        return selected;
    }

    /** The human-readable report. */
    static String text(Outcome o) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append(o.workload).append(String.format(Locale.ROOT, "; epochs of %,d samples; median of %d epoch(s) after %d warm-up epoch(s)",
                o.samples, o.epochs, o.warmupEpochs)).append(nl);
        text.append("Measured on ").append(o.machine.describe()).append(nl);
        NumpyBaseline.Result numpy = o.numpy;
        if (numpy.present) {
            text.append("NumPy ").append(numpy.numpyVersion).append(" (").append(numpy.python).append(", BLAS ")
                    .append(numpy.blas).append(") ran in this run, ")
                    .append(numpy.environmentRemoved.isEmpty() ? "with no OpenBLAS override to remove (neither "
                            + String.join(" nor ", NumpyBaseline.REMOVED) + " is set here)"
                            : "with " + String.join(" and ", numpy.environmentRemoved) + " removed from its environment")
                    .append(", as a user's NumPy runs")
                    .append(numpy.coreType == null ? "" : "; on OpenBLAS's " + numpy.coreType + " (AVX2) kernels "
                            + "(OPENBLAS_CORETYPE=" + numpy.coreType + "), like with like beside this JVM limited to AVX2")
                    .append(nl);
        } else {
            text.append("NumPy: ").append(numpy.reason).append("; no ratios").append(nl);
        }
        text.append(nl);
        Table table = new Table("backend", "train samples/s", "IQR", "min-max", "vs NumPy", "predict samples/s", "min-max",
                "vs NumPy", "loss epoch 1").rightAlign(1, 2, 3, 4, 5, 6, 7, 8);
        if (numpy.present) {
            table.row("numpy", rate(numpy.train.median), range(numpy.train.q1, numpy.train.q3),
                    range(numpy.train.min, numpy.train.max), "1.0x", rate(numpy.predict.median),
                    range(numpy.predict.min, numpy.predict.max), "1.0x", loss(numpy.lossPerEpoch));
        }
        boolean unsteady = false;
        List<String> notes = new ArrayList<>();
        for (MlpBench.Result r : o.backends) {
            table.row(r.backend + (r.reduced ? " *" : ""), rate(r.train.median), range(r.train.q1, r.train.q3),
                    range(r.train.min, r.train.max), ratio(r.trainRatio, r.trainRatioTrusted), rate(r.predict.median),
                    range(r.predict.min, r.predict.max), ratio(r.predictRatio, r.predictRatioTrusted),
                    r.warmupEpochs > 0 ? loss(r.lossPerEpoch) : "-");
            unsteady |= numpy.present && (!r.trainRatioTrusted || !r.predictRatioTrusted);
            if (r.reduced) {
                notes.add(String.format(Locale.ROOT, "* %s: epochs and predictions of the first %,d samples only (too slow for "
                        + "the time budget, --budget)", r.backend, r.samples));
            }
        }
        text.append(table);
        if (unsteady) {
            notes.add("? the interquartile range of this figure or of NumPy's exceeds " + Math.round(Spread.UNSTEADY * 100)
                    + "% of its median: do not trust that ratio");
        }
        notes.add("loss epoch 1: the mean training loss of the first epoch from the initial weights; vecnn draws the data"
                + " and weights from the same distributions as NumPy, from another generator, so losses agree only roughly");
        notes.forEach(n -> text.append(n).append(nl));
        return text.toString();
    }

    private static String rate(double samplesPerSecond) {
        return String.format(Locale.ROOT, "%,.0f", samplesPerSecond);
    }

    private static String range(double low, double high) {
        return rate(low) + "-" + rate(high);
    }

    static String ratio(double ratio, boolean trusted) {
        if (Double.isNaN(ratio)) {
            return "-";
        }
        return BenchRun.ratio(ratio) + (trusted ? "" : " ?");
    }

    private static String loss(List<Double> losses) {
        return losses.isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f", losses.get(0));
    }
}
