package org.vecnn.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecnn.DType;

/**
 * NumPy's {@code .npy} files ({@code np.save}, {@code np.load}) on the host, without a backend.
 *
 * <p><b>Reading.</b> Format versions 1.0, 2.0 and 3.0 (a UTF-8 header); little-endian ({@code <}),
 * big-endian ({@code >}) and native ({@code =}) byte order; C and Fortran order (Fortran bodies are reordered
 * to row-major); 0-d and size-0 arrays. The element types and how they load:
 * <ul>
 *   <li>{@code f4} and {@code f8} load as float32 and float64, bit for bit (NaN payloads, {@code -0.0} and
 *       subnormals kept);</li>
 *   <li>integers ({@code i1 i2 i4 i8 u1 u2 u4 u8}) and {@code b1} (bool: 0 is 0.0, any other byte 1.0) load as
 *       float64, converted exactly or not at all: a value float64 cannot hold (beyond 2^53 in magnitude and not
 *       representable) is refused with an {@link NpyFormatException} naming the element, never rounded;</li>
 *   <li>anything else (float16, complex, strings, datetimes, structured, Python objects) is refused with an
 *       {@link NpyFormatException} quoting the dtype string. Pickles are never read, let alone run.</li>
 * </ul>
 * Asking for a target dtype converts on the way: float64 to float32 rounds to nearest (as
 * {@code astype(np.float32)}), integers must then fit float32 exactly (every integer up to 2^24 does).
 * Before the body's array is allocated, the header is checked against the file's length (a header that
 * declares more data than the file holds is refused) and against an {@link AllocationCheck}. Bytes after the
 * body are ignored, as NumPy ignores them.
 *
 * <p><b>Writing.</b> As {@code np.save} of NumPy 2 writes a C-contiguous little-endian array, byte for
 * byte: format 1.0 (2.0 if the header needs it), {@code <f4} or {@code <f8}. The file is written to exactly
 * the path given ({@code np.save} appends {@code .npy} when it is missing; this does not).
 */
public final class Npy {
    private Npy() {
    }

    /** The array in {@code file}: {@code f4} as float32, every other loaded type as float64. */
    public static NpyArray read(Path file) throws IOException {
        return read(file, null, AllocationCheck.heap());
    }

    /**
     * The array in {@code file}, as {@code target} (null: as {@link #read(Path)}), its array allocated only after
     * {@code check} allowed it.
     */
    public static NpyArray read(Path file, DType target, AllocationCheck check) throws IOException {
        long length = FileAccess.regularFile(file);
        String where = file.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NpyHeader header = NpyReader.readHeader(in, length, where);
            return NpyReader.readData(in, header, target, check, where);
        }
    }

    /** The header of {@code file}, read and checked without reading the body. */
    public static NpyHeader header(Path file) throws IOException {
        long length = FileAccess.regularFile(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return NpyReader.readHeader(in, length, file.toString());
        }
    }

    /**
     * One array from {@code in}, which holds {@code length} bytes (-1 if unknown: the body is then only
     * checked while it is read), named {@code where} in messages. Reads exactly the header and the body.
     */
    public static NpyArray read(InputStream in, long length, String where, DType target, AllocationCheck check)
            throws IOException {
        NpyHeader header = NpyReader.readHeader(in, length, where);
        return NpyReader.readData(in, header, target, check, where);
    }

    /** Writes {@code array} to {@code file} (created or replaced) as {@code np.save} does. */
    public static void write(Path file, NpyArray array) throws IOException {
        if (array == null) {
            throw new IllegalArgumentException("npy: array to write to " + file + " is null");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            NpyWriter.write(out, array);
        }
    }

    /** Writes {@code array} to {@code out} as {@code np.save} does; {@code out} stays open. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        if (array == null) {
            throw new IllegalArgumentException("npy: array to write is null");
        }
        NpyWriter.write(out, array);
    }
}
