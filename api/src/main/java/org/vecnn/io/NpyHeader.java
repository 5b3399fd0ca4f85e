package org.vecnn.io;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecnn.Shape;

/**
 * What the header of a {@code .npy} file says, validated: the format version, the dtype string, the memory
 * order and the shape. A header only exists for an element type vecnn loads and a shape of at most
 * {@link Integer#MAX_VALUE} elements; its body's size follows from them.
 */
public final class NpyHeader {
    private final int majorVersion;
    private final int minorVersion;
    private final ElementType type;
    private final boolean fortranOrder;
    private final Shape shape;
    private final long dataOffset;

    NpyHeader(int majorVersion, int minorVersion, ElementType type, boolean fortranOrder, Shape shape,
            long dataOffset) {
        this.majorVersion = majorVersion;
        this.minorVersion = minorVersion;
        this.type = type;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.dataOffset = dataOffset;
    }

    /** The format's major version: 1, 2 or 3. */
    public int majorVersion() {
        return majorVersion;
    }

    /** The format's minor version: 0. */
    public int minorVersion() {
        return minorVersion;
    }

    /** NumPy's dtype string, e.g. {@code <f4}, {@code >i8}, {@code |b1}. */
    public String descr() {
        return type.descr();
    }

    /** Whether the body is in Fortran (column-major) order; vecnn reorders it to row-major when loading. */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /** The array's shape. */
    public Shape shape() {
        return shape;
    }

    /** Where the body starts: the length of the magic string, version, header length and header. */
    public long dataOffset() {
        return dataOffset;
    }

    /** The length of the body in bytes: elements times element size. */
    public long dataBytes() {
        return (long) shape.size() * type.size();
    }

    ElementType type() {
        return type;
    }

    @Override
    public String toString() {
        return "npy " + majorVersion + "." + minorVersion + " " + descr() + " " + shape
                + (fortranOrder ? " fortran order" : "");
    }

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /**
     * The header a dict literal describes.
     *
     * @param available the bytes the whole file or entry holds, or -1 if unknown: a body that cannot fit is
     *     refused here, before anything is allocated
     */
    static NpyHeader of(int major, int minor, Map<String, Object> dict, long dataOffset, long available,
            String where) throws NpyFormatException {
        if (!dict.keySet().equals(KEYS)) {
            throw new NpyFormatException(where + ": the .npy header has keys " + dict.keySet()
                    + "; NumPy's format has exactly 'descr', 'fortran_order' and 'shape'");
        }
        Object descr = dict.get("descr");
        if (descr instanceof HeaderLiteral.ListValue list) {
            throw new NpyFormatException(where + ": dtype " + list.text() + " (structured) is not supported;"
                    + " vecnn loads float32, float64, integer (i1-i8, u1-u8) and bool arrays");
        }
        if (!(descr instanceof String descrText)) {
            throw new NpyFormatException(where + ": the .npy header's 'descr' is " + descr + ", not a dtype string");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(where + ": the .npy header's 'fortran_order' is "
                    + dict.get("fortran_order") + ", not True or False");
        }
        if (!(dict.get("shape") instanceof HeaderLiteral.Tuple tuple)) {
            throw new NpyFormatException(where + ": the .npy header's 'shape' is " + dict.get("shape")
                    + ", not a tuple of integers");
        }
        ElementType type = ElementType.parse(descrText, where);
        List<Object> items = tuple.items();
        BigInteger elements = BigInteger.ONE;
        StringBuilder shown = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof BigInteger dim)) {
                throw new NpyFormatException(where + ": the .npy header's 'shape' holds " + items.get(i)
                        + ", not a non-negative integer");
            }
            elements = elements.multiply(dim);
            shown.append(i == 0 ? "" : ", ").append(dim);
        }
        shown.append(items.size() == 1 ? ",)" : ")");
        BigInteger bytes = elements.multiply(BigInteger.valueOf(type.size()));
        if (available >= 0 && bytes.compareTo(BigInteger.valueOf(available - dataOffset)) > 0) {
            throw new NpyFormatException(where + ": truncated: the header declares shape " + shown + " of "
                    + descrText + ", " + bytes + " bytes of data, but only " + Math.max(0, available - dataOffset)
                    + " bytes follow the header");
        }
        if (elements.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new NpyFormatException(where + ": shape " + shown + " has " + elements + " elements, more than "
                    + Integer.MAX_VALUE + " (Integer.MAX_VALUE), the most one tensor holds");
        }
        int[] dims = new int[items.size()];
        for (int i = 0; i < dims.length; i++) {
            BigInteger dim = (BigInteger) items.get(i);
            if (dim.bitLength() > 31) {
                // only possible when another dimension is 0
                throw new NpyFormatException(where + ": shape " + shown + " has a dimension above "
                        + Integer.MAX_VALUE);
            }
            dims[i] = dim.intValue();
        }
        return new NpyHeader(major, minor, type, fortran, Shape.of(dims), dataOffset);
    }
}
