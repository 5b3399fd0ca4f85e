package org.vecnn.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}, {@code np.load}) on the host:
 * a zip file of {@code .npy} entries, one per named array; the array named {@code x} is the entry
 * {@code x.npy}. Each entry is read as {@link Npy} reads a file.
 *
 * <p>Reading accepts stored and deflated entries (zip64 included). Before an entry's array is allocated its
 * header is checked against the entry's declared size, and that size against what deflate can expand the
 * compressed bytes to; an entry whose declared size disagrees with its header, whose CRC does not match, or
 * that is not an {@code .npy} file is an {@link NpyFormatException} naming the archive and the entry.
 * Writing stores the entries ({@code np.savez}) or deflates them ({@code np.savez_compressed}), in the map's
 * order.
 */
public final class Npz {
    /** Deflate expands at most about 1032 times; a larger declared ratio is a lie (a zip bomb's). */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private Npz() {
    }

    /** Every array in {@code file}, by name in the archive's order: {@code f4} as float32, the rest as float64. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        return read(file, null, AllocationCheck.heap());
    }

    /** Every array in {@code file}, by name in the archive's order, as {@code target} (null: as {@link #read(Path)}). */
    public static Map<String, NpyArray> read(Path file, org.vecnn.DType target, AllocationCheck check)
            throws IOException {
        try (Archive archive = Archive.open(file)) {
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, ZipEntry> e : archive.entries.entrySet()) {
                arrays.put(e.getKey(), archive.read(e.getKey(), e.getValue(), target, check));
            }
            return Collections.unmodifiableMap(arrays);
        }
    }

    /**
     * The array named {@code name} in {@code file}, as {@code target} (null: {@code f4} as float32, the rest as
     * float64).
     *
     * @throws NpyFormatException if there is no such array (the message lists those there are)
     */
    public static NpyArray read(Path file, String name, org.vecnn.DType target, AllocationCheck check)
            throws IOException {
        try (Archive archive = Archive.open(file)) {
            ZipEntry entry = archive.entries.get(name);
            if (entry == null) {
                throw new NpyFormatException(file + ": no array named '" + name + "'; the archive holds "
                        + archive.entries.keySet());
            }
            return archive.read(name, entry, target, check);
        }
    }

    /** The header of every array in {@code file}, by name in the archive's order; no body is read. */
    public static Map<String, NpyHeader> headers(Path file) throws IOException {
        try (Archive archive = Archive.open(file)) {
            Map<String, NpyHeader> headers = new LinkedHashMap<>();
            for (Map.Entry<String, ZipEntry> e : archive.entries.entrySet()) {
                ZipEntry entry = e.getValue();
                try (InputStream in = archive.open(e.getKey(), entry)) {
                    headers.put(e.getKey(), NpyReader.readHeader(in, entry.getSize(), archive.where(e.getKey())));
                }
            }
            return Collections.unmodifiableMap(headers);
        }
    }

    /**
     * Writes {@code arrays} to {@code file} (created or replaced), each as the entry {@code name.npy}: stored
     * as {@code np.savez} does, or deflated as {@code np.savez_compressed} does when {@code compressed}.
     *
     * @throws IllegalArgumentException for a null or empty map, or a null or empty name or array
     */
    public static void write(Path file, Map<String, ? extends NpyArray> arrays, boolean compressed) throws IOException {
        if (arrays == null || arrays.isEmpty()) {
            throw new IllegalArgumentException("npz: no arrays to write to " + file);
        }
        for (Map.Entry<String, ? extends NpyArray> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("npz: array '" + e.getKey() + "' for " + file
                        + " has an empty name or is null");
            }
        }
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (Map.Entry<String, ? extends NpyArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    // a stored entry's size and CRC go before its data: a first pass computes them
                    CRC32 crc = new CRC32();
                    Counting counting = new Counting();
                    NpyWriter.write(new CheckedOutputStream(counting, crc), e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(counting.count);
                    entry.setCompressedSize(counting.count);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                NpyWriter.write(zip, e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** Counts the bytes written to it and drops them. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** An open archive and its {@code .npy} entries by array name. */
    private static final class Archive implements AutoCloseable {
        private final Path file;
        private final ZipFile zip;
        final Map<String, ZipEntry> entries = new LinkedHashMap<>();

        private Archive(Path file, ZipFile zip) {
            this.file = file;
            this.zip = zip;
        }

        static Archive open(Path file) throws IOException {
            FileAccess.regularFile(file);
            ZipFile zip;
            try {
                zip = new ZipFile(file.toFile());
            } catch (ZipException e) {
                throw new NpyFormatException(file + ": not a zip archive (.npz)" + npyHint(file) + ": "
                        + e.getMessage(), e);
            }
            Archive archive = new Archive(file, zip);
            try {
                Enumeration<? extends ZipEntry> all = zip.entries();
                while (all.hasMoreElements()) {
                    ZipEntry entry = all.nextElement();
                    String name = entry.getName();
                    if (entry.isDirectory() || !name.endsWith(".npy")) {
                        throw new NpyFormatException(file + ": entry '" + name + "' is not an .npy array");
                    }
                    if (archive.entries.put(name.substring(0, name.length() - 4), entry) != null) {
                        throw new NpyFormatException(file + ": entry '" + name + "' appears twice");
                    }
                }
            } catch (IOException | RuntimeException e) {
                zip.close();
                throw e;
            }
            return archive;
        }

        private static String npyHint(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] start = new byte[6];
                return NpyReader.readFully(in, start, 0, 6) == 6
                        && java.util.Arrays.equals(start, NpyReader.MAGIC) ? " (it is an .npy file)" : "";
            } catch (IOException e) {
                return "";
            }
        }

        String where(String name) {
            return file + " (entry " + name + ".npy)";
        }

        /** The entry's bytes, after checking its declared sizes. */
        InputStream open(String name, ZipEntry entry) throws IOException {
            long size = entry.getSize();
            long compressedSize = entry.getCompressedSize();
            if (entry.getMethod() == ZipEntry.DEFLATED && size >= 0 && compressedSize >= 0
                    && size > compressedSize * MAX_DEFLATE_RATIO + 1024) {
                throw new NpyFormatException(where(name) + ": declares " + size + " bytes deflated into "
                        + compressedSize + ", more than deflate can expand them to; a corrupt or hostile archive");
            }
            if (entry.getMethod() != ZipEntry.DEFLATED && entry.getMethod() != ZipEntry.STORED) {
                throw new NpyFormatException(where(name) + ": compression method " + entry.getMethod()
                        + " is not supported (stored and deflated are)");
            }
            try {
                return new BufferedInputStream(zip.getInputStream(entry), 1 << 16);
            } catch (ZipException e) {
                throw new NpyFormatException(where(name) + ": corrupt entry: " + e.getMessage(), e);
            }
        }

        NpyArray read(String name, ZipEntry entry, org.vecnn.DType target, AllocationCheck check) throws IOException {
            String where = where(name);
            CRC32 crc = new CRC32();
            try (InputStream raw = open(name, entry); CheckedInputStream in = new CheckedInputStream(raw, crc)) {
                NpyHeader header = NpyReader.readHeader(in, entry.getSize(), where);
                long expected = header.dataOffset() + header.dataBytes();
                if (entry.getSize() >= 0 && entry.getSize() != expected) {
                    throw new NpyFormatException(where + ": the entry declares " + entry.getSize() + " bytes but its"
                            + " header says " + expected + " (shape " + header.shape() + " of " + header.descr() + ")");
                }
                NpyArray array = NpyReader.readData(in, header, target, check, where);
                if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                    throw new NpyFormatException(where + ": corrupt: CRC-32 " + Long.toHexString(crc.getValue())
                            + " of the data, the archive says " + Long.toHexString(entry.getCrc()));
                }
                return array;
            } catch (ZipException | java.io.EOFException e) {
                throw new NpyFormatException(where + ": corrupt entry: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
