package org.vecnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vecnn bench}: loops against vectorized code, on every backend, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {MlpBenchCommand.class, CallCostCommand.class, OnnxBenchCommand.class},
        description = {"Time the seed's workloads on every backend in one run: a forward pass X·w+b as a per-sample "
                + "loop and as one vectorized call, matmul at n = 64, 256, 1024, a broadcast add, an elementwise "
                + "multiply, a dot of two 1e6-vectors. Each is warmed up, then the median of repeats is taken; "
                + "speed-ups are ratios against the loops backend measured in the same run.",
            "Prints a table with the spread of every time and writes a report (PNG charts, HTML, JSON) to --report.",
            "Subcommands: `bench mlp` (the MLP against NumPy), `bench calls` (the cost of one small call), `bench onnx` "
                + "(inference of one exported model in ONNX Runtime and in vecnn)."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    BackendsOption backends;

    @Option(names = "--dtype", split = ",", paramLabel = "DTYPE", description = "FLOAT32, FLOAT64 or both (default).")
    List<DType> dtypes = new ArrayList<>(List.of(DType.FLOAT32, DType.FLOAT64));

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "vecnn-report",
            description = "Where to write the report (default ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--quick", description = "Smaller sizes and a shorter time budget (what demo uses).")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        List<Backend> selected = selectBackends(backends.names);
        List<Workload> workloads = Workloads.standard(quick);
        List<BenchRun.Result> results = run(selected, workloads, dtypes, quick, output.showProgress());
        if (output.json) {
            spec.commandLine().getOut().println(Json.of(results));
        } else {
            spec.commandLine().getOut().print(BenchRun.table(results));
        }
        spec.commandLine().getOut().flush();
        Path page = BenchReport.write(results, report);
        if (!output.json) {
            spec.commandLine().getOut().println("report: " + page.toAbsolutePath());
        }
        return ExitCodes.OK;
    }

    static List<BenchRun.Result> run(List<Backend> backends, List<Workload> workloads, List<DType> dtypes, boolean quick, boolean progressBar) {
        Stopwatch stopwatch = quick ? new Stopwatch(3, 15, 300_000_000L) : new Stopwatch(5, 51, 1_500_000_000L);
        long steps = (long) workloads.size() * dtypes.size() * backends.size();
        try (Progress progress = Progress.start("bench", steps, progressBar)) {
            return BenchRun.run(workloads, backends, dtypes, stopwatch, progress);
        }
    }

    /** The backends named (every available one if none), with the loops baseline first. */
    static List<Backend> selectBackends(List<String> names) {
        List<String> chosen = names.isEmpty()
                ? Backends.report().stream().filter(BackendStatus::available).map(BackendStatus::name).collect(Collectors.toList())
                : names;
        List<Backend> selected = new ArrayList<>();
        selected.add(Backends.get(BenchRun.BASELINE_BACKEND));
        for (String name : chosen) {
            Backend backend = Backends.get(name.trim());
            if (!selected.contains(backend)) {
                selected.add(backend);
            }
        }
        return selected;
    }
}
