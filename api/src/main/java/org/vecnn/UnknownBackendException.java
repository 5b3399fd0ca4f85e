package org.vecnn;

/** Thrown when a backend is asked for by a name no provider on the class path has; the message lists the known names. */
public class UnknownBackendException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message listing the known names. */
    public UnknownBackendException(String message) {
        super(message);
    }
}
