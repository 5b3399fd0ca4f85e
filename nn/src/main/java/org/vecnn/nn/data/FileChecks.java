package org.vecnn.nn.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.ZipException;

/**
 * What every reader of a file checks first (it exists and is a regular file, so a FIFO cannot hang a read
 * and a device cannot feed one without end) and how an {@link IOException} is turned into one that names
 * the file and says what was wrong. Used by the data readers here and by the model file reader of
 * {@code org.vecnn.nn.io}; a reader of another format can use it too.
 */
public final class FileChecks {
    private FileChecks() {
    }

    /** The length of {@code file}, after checking that it is a regular file (symbolic links followed). */
    public static long regularFile(Path file, String what) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw describe(file, what, e);
        }
        if (!attributes.isRegularFile()) {
            String kind = attributes.isDirectory() ? "a directory"
                    : attributes.isOther() ? "a device, FIFO or socket" : "not a regular file";
            throw new DataFileException(file + ": cannot read it as " + what + ": it is " + kind
                    + ", not a regular file");
        }
        return attributes.size();
    }

    /** {@code e}, thrown while reading {@code file}, as an exception that names the file and the reason. */
    public static IOException describe(Path file, String what, IOException e) {
        if (e instanceof DataFileException) {
            return e;
        }
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof ZipException) {
            reason = "corrupt gzip data (" + e.getMessage() + ")";
        } else if (e instanceof EOFException) {
            reason = "truncated: the file ends in the middle of " + what;
        } else if (e instanceof CharacterCodingException) {
            reason = "not UTF-8 text (a binary file?): " + e.getClass().getSimpleName() + " " + e.getMessage();
        } else {
            reason = "read error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return new DataFileException(file + ": cannot read " + what + ": " + reason, e);
    }
}
