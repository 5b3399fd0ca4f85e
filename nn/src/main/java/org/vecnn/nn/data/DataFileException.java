package org.vecnn.nn.data;

import java.io.IOException;

/**
 * A data file (IDX, CSV) that cannot be read: missing, not a regular file, truncated, corrupt, not text, or
 * holding values vecnn refuses. The message starts with the file's path and says what was wrong.
 */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which names the file. */
    public DataFileException(String message) {
        super(message);
    }

    /** An exception with {@code message}, which names the file, and the underlying {@code cause}. */
    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
