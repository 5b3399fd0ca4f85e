package org.vecnn.cli;

import picocli.CommandLine;

/** Entry point of the {@code vecnn} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** The command line with vecnn's exit codes: see {@link ExitCodes}. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VecnnCommand());
        commandLine.setExitCodeExceptionMapper(ExitCodes::forException);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println(cl.getColorScheme().errorText("vecnn " + cl.getCommandName() + ": " + e.getMessage()));
            return ExitCodes.forException(e);
        });
        return commandLine;
    }
}
