package org.vecnn.cli;

import org.vecnn.BackendUnavailableException;
import org.vecnn.UnknownBackendException;

/** The exit codes of {@code vecnn}, as {@link VecnnCommand}'s {@code --help} lists them. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NO_BACKEND = 3;


    private ExitCodes() {
    }

    static int forException(Throwable e) {
        if (e instanceof picocli.CommandLine.ParameterException) {
            return USAGE;
        }
        if (e instanceof UnknownBackendException || e instanceof BackendUnavailableException) {
            return NO_BACKEND;
        }
        return FAILED;
    }
}
