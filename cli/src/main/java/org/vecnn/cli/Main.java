package org.vecnn.cli;

import picocli.CommandLine;

/** Entry point of the {@code vecnn} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(commandLine(), args));
    }

    /** Runs {@code args} and flushes both outputs, so that nothing printed is lost at {@code System.exit}. */
    static int run(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } finally {
            flush(commandLine);
        }
    }

    private static void flush(CommandLine commandLine) {
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        commandLine.getSubcommands().values().forEach(Main::flush);
    }

    /** The command line with vecnn's exit codes: see {@link ExitCodes}. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VecnnCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(ExitCodes::forException);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println(cl.getColorScheme().errorText("vecnn " + cl.getCommandName() + ": " + Errors.describe(e)));
            return ExitCodes.forException(e);
        });
        return commandLine;
    }
}
