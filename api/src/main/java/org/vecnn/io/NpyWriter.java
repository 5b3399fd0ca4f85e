package org.vecnn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.vecnn.Shape;

/**
 * Writes one array as NumPy 2's {@code np.save} does, byte for byte: little-endian, C order, the header dict
 * with its keys sorted and the spare space NumPy leaves for the first axis to grow, padded with spaces to a
 * multiple of 64 bytes and ended with a newline; format 1.0, or 2.0 when the header does not fit 1.0's
 * 16-bit length.
 */
final class NpyWriter {
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int CHUNK = 1 << 16;

    private NpyWriter() {
    }

    static void write(OutputStream out, NpyArray array) throws IOException {
        String descr = switch (array.dtype()) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
        };
        out.write(header(array.shape(), descr));
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        if (array instanceof NpyArray.Float32 f) {
            float[] data = f.data();
            for (int i = 0; i < data.length; ) {
                int n = Math.min(CHUNK / Float.BYTES, data.length - i);
                buffer.clear();
                buffer.asFloatBuffer().put(data, i, n);
                out.write(buffer.array(), 0, n * Float.BYTES);
                i += n;
            }
        } else if (array instanceof NpyArray.Float64 d) {
            double[] data = d.data();
            for (int i = 0; i < data.length; ) {
                int n = Math.min(CHUNK / Double.BYTES, data.length - i);
                buffer.clear();
                buffer.asDoubleBuffer().put(data, i, n);
                out.write(buffer.array(), 0, n * Double.BYTES);
                i += n;
            }
        }
    }

    /** The magic string, version, header length and header dict, as NumPy writes them. */
    static byte[] header(Shape shape, String descr) {
        int[] dims = shape.dims();
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(pythonTuple(dims)).append(", }");
        if (dims.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(dims[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int major = 1;
        int lengthBytes = 2;
        int total = padded(text.length, lengthBytes);
        if (total - 10 > 0xffff) {
            major = 2;
            lengthBytes = 4;
            total = padded(text.length, lengthBytes);
        }
        int headerLength = total - 8 - lengthBytes;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(NpyReader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) headerLength);
        } else {
            out.putInt(headerLength);
        }
        out.put(text);
        while (out.remaining() > 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /** The total header size: NumPy pads by {@code 64 - (prefix + text + 1) % 64}, a full 64 when aligned. */
    private static int padded(int textLength, int lengthBytes) {
        int unpadded = 8 + lengthBytes + textLength + 1;
        return unpadded + ALIGN - unpadded % ALIGN;
    }

    /** Python's {@code repr} of a tuple of ints: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    private static String pythonTuple(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return text.append(')').toString();
    }
}
