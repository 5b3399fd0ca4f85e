package org.vecnn.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser of the one Python literal an {@code .npy} header holds, a dict such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}: strings in single or double quotes
 * (without escapes), {@code True}/{@code False}, non-negative integers (an {@code L} suffix of Python 2 allowed),
 * tuples and lists of those. Nothing is evaluated; anything else is an error. Values come back as
 * {@link String}, {@link Boolean}, {@link BigInteger}, {@link Tuple} or {@link ListValue}.
 */
final class HeaderLiteral {
    /** A parenthesised tuple, {@code (2, 3)}. */
    record Tuple(List<Object> items) {
    }

    /** A bracketed list, {@code [('a', '<f4')]}: what a structured dtype's descr is. */
    record ListValue(List<Object> items, String text) {
    }

    private final String text;
    private final String where;
    private int pos;

    private HeaderLiteral(String text, String where) {
        this.text = text;
        this.where = where;
    }

    /** The dict in {@code text}, keys in the file's order; only whitespace may follow it. */
    static Map<String, Object> parseDict(String text, String where) throws NpyFormatException {
        HeaderLiteral p = new HeaderLiteral(text, where);
        p.skipSpace();
        Map<String, Object> dict = p.dict();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the header dict");
        }
        return dict;
    }

    private Map<String, Object> dict() throws NpyFormatException {
        expect('{');
        Map<String, Object> dict = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            Object key = value(0);
            if (!(key instanceof String name)) {
                throw error("a header key must be a string");
            }
            skipSpace();
            expect(':');
            skipSpace();
            if (dict.put(name, value(0)) != null) {
                throw error("key '" + name + "' appears twice");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("expected ',' or '}'");
            }
        }
        pos++;
        return dict;
    }

    private Object value(int depth) throws NpyFormatException {
        if (depth > 16) {
            throw error("values nested more than 16 deep");
        }
        char c = peek();
        if (c == '\'' || c == '"') {
            int end = text.indexOf(c, pos + 1);
            if (end < 0) {
                throw error("a string is not closed");
            }
            String s = text.substring(pos + 1, end);
            if (s.indexOf('\\') >= 0 || s.indexOf('\n') >= 0) {
                throw error("escapes and line breaks in strings are not supported");
            }
            pos = end + 1;
            return s;
        }
        if (c == '(' || c == '[') {
            int start = pos;
            char close = c == '(' ? ')' : ']';
            pos++;
            List<Object> items = new ArrayList<>();
            boolean comma = false;
            skipSpace();
            while (peek() != close) {
                items.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    comma = true;
                    pos++;
                    skipSpace();
                } else if (peek() != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
            pos++;
            if (c == '[') {
                return new ListValue(items, text.substring(start, pos));
            }
            // (x) is x itself in Python; only (x,) or () is a tuple
            return items.size() == 1 && !comma ? items.get(0) : new Tuple(items);
        }
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos - start > 30) {
                throw error("an integer of more than 30 digits");
            }
            BigInteger n = new BigInteger(text.substring(start, pos));
            if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
                pos++;
            }
            return n;
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error(c == '-' ? "a negative number" : "unexpected character '" + c + "'");
    }

    private char peek() throws NpyFormatException {
        if (pos >= text.length()) {
            throw error("the header ends early");
        }
        return text.charAt(pos);
    }

    private void expect(char c) throws NpyFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private NpyFormatException error(String what) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new NpyFormatException(where + ": malformed .npy header (" + what + " at character " + pos + "): "
                + shown.strip());
    }
}
