package org.vecnn.backend.nd4j;

import java.util.ArrayList;
import java.util.List;

/** Turns a failed native load into a reason a user can act on: every cause in the chain, innermost last. */
final class LoadFailure {
    private LoadFailure() {
    }

    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            parts.add(t.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message.strip()));
        }
        return "ND4J natives could not be loaded (" + String.join(" <- caused by ", parts) + ")";
    }
}
