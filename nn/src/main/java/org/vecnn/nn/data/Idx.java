package org.vecnn.nn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of the MNIST files: two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed byte,
 * 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), a dimension count, each dimension as a big-endian
 * int32, then the values big-endian, row-major. Gzipped files ({@code .gz}, as MNIST is distributed) are
 * recognised by their content and read transparently.
 */
public final class Idx {
    private final int type;
    private final int[] dims;
    private final float[] values;

    private Idx(int type, int[] dims, float[] values) {
        this.type = type;
        this.dims = dims;
        this.values = values;
    }

    /** Unsigned byte, the type of MNIST's images and labels. */
    public static final int UNSIGNED_BYTE = 0x08;

    /**
     * Reads an IDX file.
     *
     * @throws IOException with the file name and the reason if it is not a valid, complete IDX file
     */
    public static Idx read(Path file) throws IOException {
        long length = FileChecks.regularFile(file, "an IDX file");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
            return read(new DataInputStream(in), file.toString(), gzip ? -1 : length);
        } catch (EOFException e) {
            throw new DataFileException(file + ": truncated IDX file: it ends before the values its header declares", e);
        } catch (IOException e) {
            throw FileChecks.describe(file, "an IDX file", e);
        }
    }

    /**
     * Reads the header, checks the values it declares against {@code length} (the file's length, or -1 for a
     * gzipped file, whose values are then read in growing chunks so that memory follows the data actually
     * present) and against the heap, then reads the values.
     */
    private static Idx read(DataInputStream in, String name, long length) throws IOException {
        if (in.readUnsignedByte() != 0 || in.readUnsignedByte() != 0) {
            throw new DataFileException(name + ": not an IDX file (the magic number must start with two zero bytes)");
        }
        int type = in.readUnsignedByte();
        int width = width(type, name);
        int rank = in.readUnsignedByte();
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new DataFileException(name + ": negative dimension " + dims[i]);
            }
            count *= dims[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw new DataFileException(name + ": the header declares " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + "..., more than " + (Integer.MAX_VALUE - 8) + " values, the most one array holds");
            }
        }
        long header = 4 + 4L * rank;
        long declared = header + count * width;
        if (length >= 0 && length != declared) {
            String sizes = "the header declares " + Arrays.toString(dims) + " = " + count + " values of " + width
                    + " bytes, " + declared + " bytes with the header, but the file has " + length + " bytes";
            throw new DataFileException(name + (length < declared ? ": truncated: " + sizes
                    : ": data after the " + count + " values the header declares: " + sizes));
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (count * Float.BYTES > heap / 2) {
            throw new DataFileException(name + ": " + count + " values need " + count * Float.BYTES
                    + " bytes of heap as float, more than half of the JVM's maximum heap of " + heap
                    + " bytes; raise -Xmx");
        }
        float[] values = new float[(int) (length >= 0 ? count : Math.min(count, 1 << 20))];
        for (int i = 0; i < count; i++) {
            if (i == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            switch (type) {
                case 0x08: values[i] = in.readUnsignedByte(); break;
                case 0x09: values[i] = in.readByte(); break;
                case 0x0B: values[i] = in.readShort(); break;
                case 0x0C: values[i] = in.readInt(); break;
                case 0x0D: values[i] = in.readFloat(); break;
                default: values[i] = (float) in.readDouble(); break;
            }
        }
        if (in.read() != -1) {
            throw new DataFileException(name + ": data after the " + count + " values of " + width
                    + " bytes the header describes");
        }
        return new Idx(type, dims, values);
    }

    private static int width(int type, String name) throws IOException {
        switch (type) {
            case 0x08: case 0x09: return 1;
            case 0x0B: return 2;
            case 0x0C: case 0x0D: return 4;
            case 0x0E: return 8;
            default: throw new DataFileException(name + ": unknown IDX data type 0x" + Integer.toHexString(type));
        }
    }

    /** The type byte. */
    public int type() {
        return type;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** The values, row-major, as float (exact for the byte and int16 types). */
    public float[] values() {
        return values.clone();
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    float value(int i) {
        return values[i];
    }
}
