package org.vecnn;

/**
 * Thrown when the backend asked for (or any backend at all) cannot run here: its provider's probe said why,
 * or creating it failed. The message carries the reason.
 */
public class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the reason. */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /** Creates the exception with the reason and the failure behind it. */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
