package org.vecnn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecnn.Backend;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vecnn bench onnx}: the same exported MLP in ONNX Runtime and in vecnn on each backend. */
@Command(name = "onnx", mixinStandardHelpOptions = true,
        description = {"Export a 784-256-10 MLP (relu, softmax, float32) to ONNX, then time inference of that one model "
                + "in ONNX Runtime (Java API, CPU execution provider) and in vecnn on each backend: latency of one "
                + "sample (median and 99th percentile of single calls), throughput at batch 128 and over 60,000 "
                + "samples in one call (medians of repeats). Every engine's outputs are compared with ONNX Runtime's."})
final class OnnxBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    BackendsOption backends;

    @Option(names = "--samples", defaultValue = "60000", paramLabel = "N",
            description = "Samples of the large run (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "N", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--latency-calls", defaultValue = "2000", paramLabel = "N",
            description = "Single-sample calls timed for the latency (default ${DEFAULT-VALUE}).")
    int latencyCalls;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "N",
            description = "Repeats of each throughput figure (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (samples < batch || batch < 1 || latencyCalls < 1 || repeats < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--samples must be at least --batch, and --batch, --latency-calls and --repeats at least 1");
        }
        List<Backend> selected = new ArrayList<>();
        for (String name : backends.names.isEmpty() ? org.vecnn.Backends.report().stream()
                .filter(org.vecnn.BackendStatus::available).map(org.vecnn.BackendStatus::name).toList() : backends.names) {
            selected.add(org.vecnn.Backends.get(name));
        }
        Mlp model = Mlp.builder().input(784).dense(256, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).seed(42).build(selected.get(0));
        Path file = Files.createTempFile("vecnn-bench-", ".onnx");
        List<OnnxBench.Result> results = new ArrayList<>();
        try {
            model.saveOnnx(file);
            OnnxBench bench = new OnnxBench(784, batch, samples, latencyCalls, repeats);
            float[] reference;
            try (OnnxBench.Engine ort = OnnxBench.ort(file)) {
                reference = bench.reference(ort);
                results.add(bench.measure("onnxruntime " + OrtStart.environment().getVersion(),
                        ort, reference));
            }
            for (Backend backend : selected) {
                Mlp mlp = Mlp.loadOnnx(file, backend);
                try (OnnxBench.Engine engine = OnnxBench.vecnn(mlp)) {
                    results.add(bench.measure("vecnn " + backend.name(), engine, reference));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.of(results));
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "784-256-10 MLP (relu, softmax), float32, exported to ONNX; %d CPUs%n",
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-24s %14s %14s %18s %18s %12s%n", "engine", "1 sample p50", "1 sample p99",
                "batch " + batch, samples + " samples", "max |diff|");
        for (OnnxBench.Result r : results) {
            out.printf(Locale.ROOT, "%-24s %11.1f us %11.1f us %14.0f /s %14.0f /s %12.2e%n", r.engine,
                    r.latencyMedianMicros, r.latencyP99Micros, r.batchSamplesPerSecond, r.allSamplesPerSecond,
                    r.maxDifferenceFromOrt);
        }
        return ExitCodes.OK;
    }
}
