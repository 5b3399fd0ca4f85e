package org.vecnn.cli;

import org.vecnn.Backend;
import picocli.CommandLine.Option;

/** The {@code --backend} option of the commands that run on one backend: train, evaluate, predict. */
final class BackendOption {
    @Option(names = {"-b", "--backend"}, paramLabel = "NAME", description = "Backend to run on (default: the default backend).")
    String name;

    /** The backend named, or the default one (see {@link DefaultBackend#named}). */
    Backend backend() {
        return DefaultBackend.named(name);
    }
}
