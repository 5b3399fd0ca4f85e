package org.vecnn.spark;

/**
 * An executor could not run the network: no vecnn backend (or not the one asked for) is on its class path, or
 * the backend cannot run here or cannot run the network's dtype. The message names the executor and its host.
 */
public class ExecutorBackendException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the executor. */
    public ExecutorBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
