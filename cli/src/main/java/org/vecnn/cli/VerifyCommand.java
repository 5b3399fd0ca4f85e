package org.vecnn.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vecnn verify}: every available backend against the loops reference on generated inputs. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run the core operations on generated inputs on every available backend and report the "
                + "agreement with the loops reference per operation and dtype (max error against the tolerance). "
                + "Exits 1 on any disagreement.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--cases", defaultValue = "200", description = "Generated cases per operation and dtype (default ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--seed", defaultValue = "20261124", description = "Seed of the generated inputs (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (cases < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cases must be at least 1, got " + cases);
        }
        DefaultBackend.get(); // an override naming a backend that cannot be had fails here as in every command
        List<Verifier.Agreement> results = run(cases, seed, output.showProgress());
        if (output.json) {
            spec.commandLine().getOut().println(Json.of(results));
        } else {
            spec.commandLine().getOut().print(table(results));
        }
        return results.stream().allMatch(r -> r.agrees) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static List<Verifier.Agreement> run(int cases, long seed, boolean progressBar) {
        Backend reference = Backends.get("loops");
        List<Backend> backends = Backends.report().stream().filter(BackendStatus::available)
                .map(s -> Backends.get(s.name())).filter(b -> b != reference).collect(Collectors.toList());
        long steps = backends.stream().mapToLong(b -> b.capabilities().dtypes().size() * (long) Verifier.CORE.size()).sum();
        try (Progress progress = Progress.start("verify", steps, progressBar)) {
            return new Verifier(reference, cases, seed).checkAll(backends, progress);
        }
    }

    static String table(List<Verifier.Agreement> results) {
        if (results.isEmpty()) {
            return "only the loops reference is available: nothing to compare" + System.lineSeparator();
        }
        Table table = new Table("backend", "op", "dtype", "cases", "max |error|", "error / tolerance", "agrees").rightAlign(3, 4, 5);
        for (Verifier.Agreement r : results) {
            table.row(r.backend, r.op, r.dtype, r.cases, String.format("%.3g", r.maxError),
                    String.format("%.3f", r.worstRatio), r.agrees ? "yes" : "NO");
        }
        return table.toString();
    }
}
