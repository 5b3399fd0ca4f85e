package org.vecnn.cli;

import picocli.CommandLine.Option;

/** The options every command shares for scripts: machine-readable output and silence. */
final class OutputOptions {
    @Option(names = "--json", description = "Print the result as JSON on standard output (implies --quiet).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars (they are drawn only on a terminal anyway).")
    boolean quiet;

    boolean showProgress() {
        return !json && !quiet && Terminal.interactive();
    }
}
