package org.vecnn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vecnn bench calls}: what one call costs where the work is nothing, a 3x3 add and a 3x3 matmul. */
@Command(name = "calls", mixinStandardHelpOptions = true,
        description = "The cost of one backend call on 3x3 operands, where the arithmetic is negligible: add and "
                + "matmul, into a given output (out=) and allocating their result, per backend and dtype. Each figure is "
                + "the median over repeated runs of " + CallCostCommand.CALLS + " calls after warm-up, in nanoseconds "
                + "per call, with the spread.")
final class CallCostCommand implements Callable<Integer> {
    static final int CALLS = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    BackendsOption backends;

    @Option(names = "--dtype", split = ",", paramLabel = "DTYPE", description = "FLOAT32 (default), FLOAT64 or both.")
    List<DType> dtypes = new ArrayList<>(List.of(DType.FLOAT32));

    @Option(names = "--seconds", defaultValue = "0.6", paramLabel = "S",
            description = "Time per figure, a third of it warm-up (default ${DEFAULT-VALUE}).")
    double seconds;

    /** One figure: nanoseconds per call of one operation on one backend and dtype. */
    static final class Cost {
        final String backend;
        final String dtype;
        final String operation;
        final double medianNanos;
        final double q1Nanos;
        final double q3Nanos;
        final double minNanos;
        final double maxNanos;
        final int runs;

        Cost(String backend, DType dtype, String operation, Spread millisPerRun) {
            Spread nanos = millisPerRun.scaled(1e6 / CALLS);
            this.backend = backend;
            this.dtype = dtype.numpyName();
            this.operation = operation;
            this.medianNanos = nanos.median;
            this.q1Nanos = nanos.q1;
            this.q3Nanos = nanos.q3;
            this.minNanos = nanos.min;
            this.maxNanos = nanos.max;
            this.runs = nanos.count();
        }
    }

    @Override
    public Integer call() {
        if (!(seconds > 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "bench calls: --seconds must be > 0, got " + seconds);
        }
        List<Backend> selected = new ArrayList<>(BenchCommand.selectBackends(backends.names));
        if (!backends.names.isEmpty() && backends.names.stream().noneMatch(n -> n.trim().equals(BenchRun.BASELINE_BACKEND))) {
            selected.removeIf(b -> b.name().equals(BenchRun.BASELINE_BACKEND));
        }
        Stopwatch stopwatch = new Stopwatch(5, 101, (long) (seconds * 1e9));
        List<Cost> costs = new ArrayList<>();
        for (DType dtype : dtypes) {
            for (Backend backend : selected) {
                if (backend.capabilities().supports(dtype)) {
                    costs.addAll(measure(backend, dtype, stopwatch));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.of(costs));
        } else {
            Table table = new Table("backend", "dtype", "operation", "ns per call", "IQR ns", "min-max ns", "runs")
                    .rightAlign(3, 4, 5, 6);
            for (Cost c : costs) {
                table.row(c.backend, c.dtype, c.operation, nanos(c.medianNanos), nanos(c.q1Nanos) + "-" + nanos(c.q3Nanos),
                        nanos(c.minNanos) + "-" + nanos(c.maxNanos), c.runs);
            }
            out.print(table);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static List<Cost> measure(Backend backend, DType dtype, Stopwatch stopwatch) {
        Tensor a = backend.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, Shape.of(3, 3), dtype);
        Tensor b = backend.fromArray(new double[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, Shape.of(3, 3), dtype);
        Tensor out = backend.zeros(Shape.of(3, 3), dtype);
        List<Cost> costs = new ArrayList<>();
        costs.add(time(backend, dtype, "add 3x3, out=", stopwatch, () -> backend.add(a, b, out)));
        costs.add(time(backend, dtype, "add 3x3, new result", stopwatch, () -> backend.add(a, b)));
        costs.add(time(backend, dtype, "matmul 3x3, out=", stopwatch, () -> backend.matmul(a, b, out)));
        costs.add(time(backend, dtype, "matmul 3x3, new result", stopwatch, () -> backend.matmul(a, b)));
        return costs;
    }

    private static Cost time(Backend backend, DType dtype, String operation, Stopwatch stopwatch, Runnable call) {
        Stopwatch.Timing timing = stopwatch.time(() -> {
            for (int i = 0; i < CALLS; i++) {
                call.run();
            }
        });
        return new Cost(backend.name(), dtype, operation, timing.millis);
    }

    private static String nanos(double ns) {
        return ns >= 100 ? String.format(Locale.ROOT, "%,.0f", ns) : String.format(Locale.ROOT, "%.1f", ns);
    }
}
