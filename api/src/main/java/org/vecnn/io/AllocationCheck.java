package org.vecnn.io;

import java.io.IOException;
import java.util.Locale;
import org.vecnn.DType;
import org.vecnn.Shape;

/**
 * Asked by the readers before they allocate an array for a body, once the header has been checked against
 * the file's size: it throws if an array of that shape and dtype must not be allocated. A
 * {@link org.vecnn.Backend} passes one that applies its own per-tensor and memory limits.
 */
@FunctionalInterface
public interface AllocationCheck {

    /**
     * Throws if an array of {@code shape} and {@code dtype} must not be allocated.
     *
     * @param where the file (and archive entry) being read, for the message
     */
    void check(String where, Shape shape, DType dtype) throws IOException;

    /**
     * The Java heap: the array must fit in one Java array and in the heap not in use (after one garbage
     * collection, asked for only when it would not fit otherwise).
     */
    static AllocationCheck heap() {
        return (where, shape, dtype) -> {
            long bytes = (long) shape.size() * dtype.byteSize();
            if (shape.size() > Integer.MAX_VALUE - 8) {
                throw new NpyFormatException(where + ": shape " + shape + " has more elements than one Java array holds");
            }
            if (bytes <= 1 << 20) {
                return;
            }
            long free = freeHeap();
            if (bytes > free) {
                System.gc();
                free = freeHeap();
            }
            if (bytes > free) {
                throw new NpyFormatException(String.format(Locale.ROOT, "%s: a %s array of shape %s needs %d bytes"
                        + " (%.1f MiB), more than the Java heap has free: %d bytes (%.1f MiB, of a maximum of %.1f MiB;"
                        + " raise -Xmx)", where, dtype.numpyName(), shape, bytes, bytes / 1048576.0, free,
                        free / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0));
            }
        };
    }

    private static long freeHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
