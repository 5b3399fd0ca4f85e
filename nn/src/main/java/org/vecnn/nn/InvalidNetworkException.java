package org.vecnn.nn;

/** A network definition that cannot be built or trained as given; the message says what to change. */
public class InvalidNetworkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public InvalidNetworkException(String message) {
        super(message);
    }

    /** An exception with {@code message} and the {@code cause} it explains. */
    public InvalidNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
