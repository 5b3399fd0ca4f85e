package org.vecnn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** The check every reader makes first: the path is a regular file, so a FIFO or device cannot feed it forever. */
final class FileAccess {
    private FileAccess() {
    }

    /** The length of {@code file}, after checking that it is a regular file (links followed). */
    static long regularFile(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("npy: file is null");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!attributes.isRegularFile()) {
            throw new NpyFormatException(file + ": not a regular file (" + (attributes.isDirectory() ? "a directory"
                    : "a device, FIFO or socket") + ")");
        }
        return attributes.size();
    }
}
