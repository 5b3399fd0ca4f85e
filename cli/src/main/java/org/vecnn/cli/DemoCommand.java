package org.vecnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vecnn.DType;
import org.vecnn.Backend;
import org.vecnn.digits.GeneratedDigits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vecnn demo}: the tour, no arguments needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The tour: the backends found, a short agreement check against the loops reference, "
                + "the loops-against-vectorized table on quick sizes, a short MLP training run, and where the "
                + "report was written.")
final class DemoCommand implements Callable<Integer> {
    /**
     * The training run: long enough for the network to reach what it can on these digits (validation accuracy
     * about 0.9; 3 epochs of 2000 digits and 64 units stopped at 0.59), still a few seconds on a vectorized backend.
     */
    static final int DEMO_SAMPLES = 3000;
    static final int DEMO_EPOCHS = 10;
    static final int DEMO_HIDDEN = 128;

    @Spec
    CommandSpec spec;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "vecnn-report",
            description = "Where to write the report (default ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("== Backends");
        out.print(tableOfBackends());
        out.println();
        out.println("== Agreement with the loops reference (50 generated cases per operation and dtype)");
        List<Verifier.Agreement> agreements = VerifyCommand.run(50, 20261124L, !quiet && Terminal.interactive());
        out.print(VerifyCommand.table(agreements));
        out.println();
        out.println("== Loops against vectorized code (quick sizes; `vecnn bench` for the full set)");
        List<BenchRun.Result> results = BenchCommand.run(BenchCommand.selectBackends(List.of()),
                Workloads.standard(true), List.of(DType.FLOAT32, DType.FLOAT64), true, !quiet && Terminal.interactive());
        out.print(BenchRun.table(results));
        out.println();
        Backend backend = DefaultBackend.get();
        String noDigits = GeneratedDigits.unavailableReason();
        if (noDigits != null) {
            out.println("== Training: skipped, " + noDigits);
            Path page = BenchReport.write(results, report);
            out.println();
            out.println("report: " + page.toAbsolutePath());
        } else {
            out.println("== Training a 784-" + DEMO_HIDDEN + "-10 MLP on " + DEMO_SAMPLES + " generated digits for "
                    + DEMO_EPOCHS + " epochs on " + backend.name() + ", a fifth held out (`vecnn train` for more)");
            TrainCommand train = new TrainCommand();
            new CommandLine(train).parseArgs("--samples", String.valueOf(DEMO_SAMPLES), "--epochs",
                    String.valueOf(DEMO_EPOCHS), "--hidden", String.valueOf(DEMO_HIDDEN), "--report", report.toString());
            TrainCommand.Outcome outcome = train.train(backend, TrainingData.load(null, DEMO_SAMPLES, train.seed, LabelColumn.FIRST, false, false),
                    !quiet && Terminal.interactive(), null);
            out.print(TrainCommand.table(outcome.epochs));
            Path page = BenchReport.write(results, report); // after training, so that the page shows its chart too
            out.println();
            out.println("report: " + page.toAbsolutePath());
            out.println("training chart: " + outcome.chart);
        }
        out.flush();
        return agreements.stream().allMatch(a -> a.agrees) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String tableOfBackends() {
        Table table = new Table("backend", "priority", "status", "device / reason").rightAlign(1);
        for (BackendsCommand.Info info : BackendsCommand.collect()) {
            table.row(info.name + (info.isDefault ? " *" : ""), info.priority, info.available ? "available" : "unavailable",
                    info.available ? info.device : info.detail);
        }
        return table.toString();
    }
}
