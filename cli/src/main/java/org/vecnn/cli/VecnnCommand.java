package org.vecnn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vecnn}: the top-level command; prints its usage when given no subcommand. */
@Command(name = "vecnn", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Vectorized neural networks on interchangeable backends: loops against vectorized code.",
        subcommands = {BackendsCommand.class, VerifyCommand.class, BenchCommand.class, TrainCommand.class,
            PredictCommand.class, EvaluateCommand.class, ExportCommand.class, DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:success",
            "1:a backend disagrees with the reference, or the run failed",
            "2:invalid arguments (the usage is printed)",
            "3:the backend asked for is unknown or cannot run here"})
final class VecnnCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
