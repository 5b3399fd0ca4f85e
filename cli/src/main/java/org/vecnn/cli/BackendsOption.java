package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --backend} option of the commands that time several backends: the bench commands. */
final class BackendsOption {
    @Option(names = {"-b", "--backend", "--backends"}, split = ",", paramLabel = "NAME",
            description = "Backends to time, comma-separated (default: every available one).")
    List<String> names = new ArrayList<>();
}
