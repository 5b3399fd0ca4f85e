package org.vecnn.io;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} file that vecnn cannot read: not NumPy's format, a malformed or oversized
 * header, an element type vecnn does not load (the message quotes the dtype string), a body shorter than its
 * header declares, a value that cannot be converted exactly, or an archive entry whose declared size disagrees
 * with its content. The message starts with the file (and, inside an archive, the entry) and says what was
 * wrong. When it is thrown nothing larger than the header has been allocated, unless the problem is a value
 * found while converting the body.
 */
public class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which starts with the file's name. */
    public NpyFormatException(String message) {
        super(message);
    }

    /** An exception with {@code message}, which starts with the file's name, caused by {@code cause}. */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
