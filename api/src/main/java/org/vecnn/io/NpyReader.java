package org.vecnn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.vecnn.DType;
import org.vecnn.Shape;

/** Reads one {@code .npy} array from a stream: the header first, checked, then the body, converted. */
final class NpyReader {
    /** The magic string that starts every {@code .npy} file. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The longest header read (NumPy itself refuses more than 10,000 bytes unless told otherwise). */
    static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private NpyReader() {
    }

    /**
     * The header at the start of {@code in}.
     *
     * @param available the length of the whole file or entry, or -1 if unknown
     */
    static NpyHeader readHeader(InputStream in, long available, String where) throws IOException {
        byte[] prefix = new byte[8];
        int got = readFully(in, prefix, 0, prefix.length);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= got || prefix[i] != MAGIC[i]) {
                String zip = got >= 2 && prefix[0] == 'P' && prefix[1] == 'K' ? " (it is a zip archive: an .npz?)" : "";
                throw new NpyFormatException(where + ": not a .npy file: it does not start with \\x93NUMPY" + zip);
            }
        }
        if (got < 8) {
            throw new NpyFormatException(where + ": truncated: the file ends inside the .npy version");
        }
        int major = prefix[6] & 0xff;
        int minor = prefix[7] & 0xff;
        if (!(minor == 0 && major >= 1 && major <= 3)) {
            throw new NpyFormatException(where + ": .npy format version " + major + "." + minor
                    + " is not supported (vecnn reads 1.0, 2.0 and 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = new byte[lengthBytes];
        if (readFully(in, lengthField, 0, lengthBytes) < lengthBytes) {
            throw new NpyFormatException(where + ": truncated: the file ends inside the .npy header length");
        }
        ByteBuffer le = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? le.getShort() & 0xffffL : le.getInt() & 0xffffffffL;
        long dataOffset = 8 + lengthBytes + headerLength;
        if (available >= 0 && dataOffset > available) {
            throw new NpyFormatException(where + ": truncated: the .npy header declares " + headerLength
                    + " bytes but the file holds " + available + " bytes in all");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(where + ": the .npy header declares " + headerLength + " bytes, more than the "
                    + MAX_HEADER_BYTES + " vecnn reads");
        }
        byte[] header = new byte[(int) headerLength];
        if (readFully(in, header, 0, header.length) < header.length) {
            throw new NpyFormatException(where + ": truncated: the file ends inside the .npy header of "
                    + headerLength + " bytes");
        }
        String text;
        if (major == 3) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
            } catch (CharacterCodingException e) {
                throw new NpyFormatException(where + ": the .npy 3.0 header is not UTF-8", e);
            }
        } else {
            text = new String(header, StandardCharsets.ISO_8859_1);
        }
        return NpyHeader.of(major, minor, HeaderLiteral.parseDict(text, where), dataOffset, available, where);
    }

    /**
     * The body that follows {@code header} in {@code in}, row-major, as {@code target} (null: float32 for
     * {@code f4}, float64 for every other type). {@code check} is asked before the array is allocated.
     */
    static NpyArray readData(InputStream in, NpyHeader header, DType target, AllocationCheck check, String where)
            throws IOException {
        ElementType type = header.type();
        DType dtype = target != null ? target : type.kind() == ElementType.Kind.F4 ? DType.FLOAT32 : DType.FLOAT64;
        Shape shape = header.shape();
        check.check(where, shape, dtype);
        int n = shape.size();
        float[] floats = dtype == DType.FLOAT32 ? new float[n] : null;
        double[] doubles = dtype == DType.FLOAT64 ? new double[n] : null;
        Decoder decoder = new Decoder(type, floats, doubles, header.fortranOrder() ? shape.dims() : null, where);
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(type.size(), header.dataBytes()))];
        long remaining = header.dataBytes();
        while (remaining > 0) {
            int want = (int) Math.min(chunk.length, remaining);
            int got = readFully(in, chunk, 0, want);
            if (got < want) {
                throw new NpyFormatException(where + ": truncated: the body ends after "
                        + (header.dataBytes() - remaining + got) + " of the " + header.dataBytes() + " bytes its header"
                        + " declares (shape " + shape + " of " + type.descr() + ")");
            }
            decoder.decode(ByteBuffer.wrap(chunk, 0, want).order(type.order()));
            remaining -= want;
        }
        return floats != null ? new NpyArray.Float32(shape, floats) : new NpyArray.Float64(shape, doubles);
    }

    /** Reads until {@code length} bytes or the end of the stream; returns how many were read. */
    static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int r = in.read(buffer, offset + total, length - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    /** Converts elements in file order into the row-major target array. */
    private static final class Decoder {
        private final ElementType type;
        private final float[] floats;
        private final double[] doubles;
        private final String where;
        /** Fortran order only: the dimensions, the row-major strides and the current multi-index. */
        private final int[] dims;
        private final int[] strides;
        private final int[] index;
        private int next;

        Decoder(ElementType type, float[] floats, double[] doubles, int[] fortranDims, String where) {
            this.type = type;
            this.floats = floats;
            this.doubles = doubles;
            this.where = where;
            boolean reorder = fortranDims != null && fortranDims.length > 1;
            this.dims = reorder ? fortranDims : null;
            this.strides = reorder ? Shape.of(fortranDims).strides() : null;
            this.index = reorder ? new int[fortranDims.length] : null;
        }

        /** The row-major position of the next element in file order. */
        private int position() {
            if (dims == null) {
                return next++;
            }
            int here = next;
            for (int axis = 0; axis < dims.length; axis++) {
                next += strides[axis];
                if (++index[axis] < dims[axis]) {
                    break;
                }
                next -= dims[axis] * strides[axis];
                index[axis] = 0;
            }
            return here;
        }

        void decode(ByteBuffer bytes) throws NpyFormatException {
            int count = bytes.remaining() / type.size();
            ElementType.Kind kind = type.kind();
            if (dims == null && kind == ElementType.Kind.F4 && floats != null) {
                bytes.asFloatBuffer().get(floats, next, count);
                next += count;
            } else if (dims == null && kind == ElementType.Kind.F8 && doubles != null) {
                bytes.asDoubleBuffer().get(doubles, next, count);
                next += count;
            } else {
                for (int i = 0; i < count; i++) {
                    switch (kind) {
                        case F4 -> put(bytes.getFloat());
                        case F8 -> put(bytes.getDouble());
                        case I1 -> putInteger(bytes.get(), false);
                        case I2 -> putInteger(bytes.getShort(), false);
                        case I4 -> putInteger(bytes.getInt(), false);
                        case I8 -> putInteger(bytes.getLong(), false);
                        case U1 -> putInteger(bytes.get() & 0xffL, false);
                        case U2 -> putInteger(bytes.getShort() & 0xffffL, false);
                        case U4 -> putInteger(bytes.getInt() & 0xffffffffL, false);
                        case U8 -> putInteger(bytes.getLong(), true);
                        case B1 -> putInteger(bytes.get() != 0 ? 1 : 0, false);
                    }
                }
            }
        }

        private void put(float value) {
            int at = position();
            if (floats != null) {
                floats[at] = value;
            } else {
                doubles[at] = value;
            }
        }

        /** A float64 element: kept as is, or rounded to nearest when float32 is asked for. */
        private void put(double value) {
            int at = position();
            if (floats != null) {
                floats[at] = (float) value;
            } else {
                doubles[at] = value;
            }
        }

        /** An integer, unsigned 64-bit if {@code unsigned}: converted exactly or refused. */
        private void putInteger(long value, boolean unsigned) throws NpyFormatException {
            double d;
            boolean exact;
            if (unsigned && value < 0) {
                // 2^63 or more: exact when the 11 bits below the 53-bit significand are zero
                exact = (value & 0x7ff) == 0;
                d = (value >>> 11) * 2048.0;
            } else {
                d = value;
                exact = d != 0x1p63 && (long) d == value;
            }
            int at = position();
            if (floats != null) {
                float f = (float) d;
                exact &= f == d;
                floats[at] = f;
            } else {
                doubles[at] = d;
            }
            if (!exact) {
                String shown = unsigned ? Long.toUnsignedString(value) : Long.toString(value);
                String target = floats != null ? "float32" : "float64";
                throw new NpyFormatException(where + ": element " + at + " (row-major) of the " + type.descr()
                        + " array is " + shown + ", which " + target + " cannot hold exactly; vecnn converts integers"
                        + " exactly or not at all (every integer up to 2^" + (floats != null ? 24 : 53) + " in"
                        + " magnitude fits " + target + ")");
            }
        }
    }
}
