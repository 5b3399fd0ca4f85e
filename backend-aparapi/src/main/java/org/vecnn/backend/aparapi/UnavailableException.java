package org.vecnn.backend.aparapi;

/** The backend cannot run here; the message says why, for {@code Availability.unavailable}. */
final class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String reason) {
        super(reason);
    }

    UnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
