package org.vecnn.nn.io;

import java.io.IOException;

/** A model file that cannot be loaded: not a vecnn model, an unsupported version, truncated or corrupted. */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public ModelFileException(String message) {
        super(message);
    }

    /** An exception with {@code message} and the underlying {@code cause}. */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
