package org.vecnn.io;

import java.nio.ByteOrder;

/**
 * An element type vecnn loads, parsed from NumPy's dtype string ({@code descr}): {@code <f4}, {@code >f8},
 * {@code |u1}, {@code <i8}, {@code |b1}... The byte order is {@code <} (little), {@code >} (big), {@code =}
 * (the reading machine's) or {@code |} (none, for one-byte types only).
 */
record ElementType(Kind kind, ByteOrder order, String descr) {

    /** The element kinds vecnn loads. */
    enum Kind {
        F4(4, true), F8(8, true),
        I1(1, false), I2(2, false), I4(4, false), I8(8, false),
        U1(1, false), U2(2, false), U4(4, false), U8(8, false),
        B1(1, false);

        final int size;
        final boolean floating;

        Kind(int size, boolean floating) {
            this.size = size;
            this.floating = floating;
        }
    }

    int size() {
        return kind.size;
    }

    /**
     * The element type of {@code descr}.
     *
     * @param where the file (and entry) to name in the message
     * @throws NpyFormatException naming {@code descr} for a type vecnn does not load or a string that is no dtype
     */
    static ElementType parse(String descr, String where) throws NpyFormatException {
        String shown = "'" + descr + "'";
        if (descr.length() < 2) {
            throw new NpyFormatException(where + ": dtype " + shown + " is not a NumPy dtype string");
        }
        char orderChar = descr.charAt(0);
        String body = "<>|=".indexOf(orderChar) >= 0 ? descr.substring(1) : descr;
        if (body.isEmpty()) {
            throw new NpyFormatException(where + ": dtype " + shown + " is not a NumPy dtype string");
        }
        char kindChar = body.charAt(0);
        String unsupported = switch (kindChar) {
            case 'c' -> "complex";
            case 'U' -> "unicode string";
            case 'S', 'a' -> "byte string";
            case 'V' -> "void (raw or structured)";
            case 'O' -> "Python object (a pickle, never loaded)";
            case 'M' -> "datetime64";
            case 'm' -> "timedelta64";
            case 'T' -> "variable-width string";
            default -> null;
        };
        if (unsupported != null) {
            throw new NpyFormatException(where + ": dtype " + shown + " (" + unsupported + ") is not supported;"
                    + " vecnn loads float32, float64, integer (i1-i8, u1-u8) and bool arrays");
        }
        Kind kind = switch (body) {
            case "f4" -> Kind.F4;
            case "f8" -> Kind.F8;
            case "i1" -> Kind.I1;
            case "i2" -> Kind.I2;
            case "i4" -> Kind.I4;
            case "i8" -> Kind.I8;
            case "u1" -> Kind.U1;
            case "u2" -> Kind.U2;
            case "u4" -> Kind.U4;
            case "u8" -> Kind.U8;
            case "b1" -> Kind.B1;
            default -> null;
        };
        if (kind == null) {
            String why = body.matches("f(2|12|16)") ? " (a float of " + body.substring(1) + " bytes)"
                    : body.matches("[fiub]\\d+") ? "" : ", which is not a NumPy dtype string";
            throw new NpyFormatException(where + ": dtype " + shown + why + " is not supported;"
                    + " vecnn loads float32, float64, integer (i1-i8, u1-u8) and bool arrays");
        }
        ByteOrder order = switch (orderChar) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            case '|' -> {
                if (kind.size != 1) {
                    throw new NpyFormatException(where + ": dtype " + shown + " has no byte order ('|') but "
                            + kind.size + "-byte elements; expected '<' or '>'");
                }
                yield ByteOrder.LITTLE_ENDIAN;
            }
            default -> throw new NpyFormatException(where + ": dtype " + shown
                    + " does not start with a byte order ('<', '>', '=' or '|')");
        };
        return new ElementType(kind, order, descr);
    }
}
