package org.vecnn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a tensor's values as NumPy's {@code repr} does: {@code array([[1. , 2.5], [3. , 4. ]], dtype=float32)}
 * over lines, at most 8 fractional digits, elements padded to one width and aligned on the decimal point,
 * scientific notation when magnitudes span too much, and axes summarised with {@code ...} (3 items each
 * side, and the shape named, as NumPy 2.2+ does) above 1000 elements. The dtype is named unless it is
 * float64, NumPy's default.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 75;
    private static final int PRECISION = 8;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        double[] values = t.toDoubleArray();
        boolean summarise = values.length > THRESHOLD;
        String suffix = t.dtype() == DType.FLOAT64 ? "" : ", dtype=" + t.dtype().numpyName();
        if (values.length == 0) {
            return "array([]" + (t.rank() > 1 ? ", shape=" + numpyShape(t.shape()) : "") + suffix + ")";
        }
        Formatter f = new Formatter(values, t.shape(), summarise, t.dtype());
        String prefix = "array(";
        StringBuilder out = new StringBuilder(prefix);
        f.block(out, 0, 0, prefix.length() + 1);
        if (summarise) {
            out.append(", shape=").append(numpyShape(t.shape()));
        }
        return out.append(suffix).append(')').toString();
    }

    /** A shape as Python prints a tuple, {@code (40, 50)} and {@code (4,)}; {@link Shape#toString()} omits the space. */
    static String numpyShape(Shape shape) {
        int[] dims = shape.dims();
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            text.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return text.append(')').toString();
    }

    private static final class Formatter {
        private final double[] values;
        private final int[] dims;
        private final int[] strides;
        private final boolean summarise;
        private final boolean scientific;
        private final DType dtype;
        /** NumPy's {@code pad_left}: the widest integer part, sign included (and room for a non-finite value). */
        private int padLeft;
        /** NumPy's {@code pad_right}: the widest fraction (positional), or mantissa fraction + exponent (scientific). */
        private int padRight;
        /** The mantissa's fractional digits in scientific notation, the most any shown value needs. */
        private int precision;
        /** The exponent's digits in scientific notation, at least 2. */
        private int exponentDigits = 2;

        /** NumPy's {@code FloatingFormat.fillFormat}, over the values shown (the edges only when summarised). */
        Formatter(double[] values, Shape shape, boolean summarise, DType dtype) {
            this.values = values;
            this.dims = shape.dims();
            this.strides = shape.strides();
            this.summarise = summarise;
            this.dtype = dtype;
            List<Double> shown = new ArrayList<>();
            collect(0, 0, shown);
            this.scientific = useScientific(shown, dtype);
            boolean nonFinite = false;
            boolean negativeInfinity = false;
            for (double v : shown) {
                if (!Double.isFinite(v)) {
                    nonFinite = true;
                    negativeInfinity |= v == Double.NEGATIVE_INFINITY;
                    continue;
                }
                String s = raw(v);
                int e = s.indexOf('e');
                String mantissa = e < 0 ? s : s.substring(0, e);
                int dot = mantissa.indexOf('.');
                padLeft = Math.max(padLeft, dot);
                if (scientific) {
                    precision = Math.max(precision, mantissa.length() - dot - 1);
                    exponentDigits = Math.max(exponentDigits, s.length() - e - 2);
                } else {
                    padRight = Math.max(padRight, mantissa.length() - dot - 1);
                }
            }
            if (scientific) {
                padRight = exponentDigits + 2 + precision;
            }
            if (nonFinite) {
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset));
            }
        }

        private void collect(int axis, int offset, List<Double> into) {
            if (axis == dims.length) {
                into.add(values[offset]);
                return;
            }
            for (int i : indices(axis)) {
                collect(axis + 1, offset + i * strides[axis], into);
            }
        }

        private int[] indices(int axis) {
            int n = dims[axis];
            if (!summarise || n <= 2 * EDGE_ITEMS) {
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                return all;
            }
            int[] edges = new int[2 * EDGE_ITEMS];
            for (int i = 0; i < EDGE_ITEMS; i++) {
                edges[i] = i;
                edges[EDGE_ITEMS + i] = n - EDGE_ITEMS + i;
            }
            return edges;
        }

        /**
         * NumPy's choice: scientific when a non-zero finite magnitude reaches {@code 10^min(8, precision of the
         * dtype)} (1e8 for float64, 1e6 for float32), is below 1e-4, or the largest is over 1000 times the smallest.
         */
        private static boolean useScientific(List<Double> shown, DType dtype) {
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double v : shown) {
                double a = Math.abs(v);
                if (Double.isFinite(a) && a != 0) {
                    max = Math.max(max, a);
                    min = Math.min(min, a);
                }
            }
            double cutoff = dtype == DType.FLOAT32 ? 1e6 : 1e8;
            return max != 0 && (max >= cutoff || min < 1e-4 || max / min > 1e3);
        }

        /** The shortest repr of {@code v} in its dtype, at most 8 fractional digits, without padding. */
        private String raw(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            String shortest = dtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v);
            BigDecimal d = new BigDecimal(shortest);
            String sign = (v == 0 && 1 / v < 0) || v < 0 ? "-" : "";
            d = d.abs();
            if (scientific) {
                if (d.signum() == 0) {
                    return sign + "0.e+00";
                }
                int exponent = d.precision() - d.scale() - 1;
                BigDecimal mantissa = d.movePointLeft(exponent).setScale(PRECISION, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros();
                String m = mantissa.scale() <= 0 ? mantissa.toBigInteger() + "." : mantissa.toPlainString();
                return sign + m + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
            }
            BigDecimal rounded = d.setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
            String plain = rounded.scale() <= 0 ? rounded.toBigInteger() + "." : rounded.toPlainString();
            return sign + plain;
        }

        /** One element padded as NumPy's {@code FloatingFormat.__call__} pads it. */
        private String element(double v) {
            String s = raw(v);
            if (!Double.isFinite(v)) {
                return " ".repeat(Math.max(0, padLeft + padRight + 1 - s.length())) + s;
            }
            int dot = s.indexOf('.');
            if (scientific) {
                int e = s.indexOf('e');
                String fraction = s.substring(dot + 1, e);
                String exponent = s.substring(e + 2);
                return " ".repeat(Math.max(0, padLeft - dot)) + s.substring(0, dot + 1) + fraction
                        + "0".repeat(Math.max(0, precision - fraction.length())) + "e" + s.charAt(e + 1)
                        + "0".repeat(Math.max(0, exponentDigits - exponent.length())) + exponent;
            }
            int fraction = s.length() - dot - 1;
            return " ".repeat(Math.max(0, padLeft - dot)) + s + " ".repeat(Math.max(0, padRight - fraction));
        }

        void block(StringBuilder out, int axis, int offset, int indent) {
            if (dims.length == 0) {
                out.append(raw(values[0]).trim());
                return;
            }
            out.append('[');
            int[] idx = indices(axis);
            boolean gap = summarise && dims[axis] > 2 * EDGE_ITEMS;
            if (axis == dims.length - 1) {
                int lineStart = out.length() - indent;
                for (int j = 0; j < idx.length; j++) {
                    String item = element(values[offset + idx[j] * strides[axis]]);
                    if (j > 0) {
                        out.append(',');
                        String next = (gap && j == EDGE_ITEMS ? "..., " : "") + item;
                        if (out.length() - lineStart + 1 + next.length() + 2 > LINE_WIDTH) {
                            out.append('\n').append(" ".repeat(indent));
                            lineStart = out.length() - indent;
                        } else {
                            out.append(' ');
                        }
                        out.append(next);
                    } else {
                        out.append(item);
                    }
                }
            } else {
                String separator = "," + "\n".repeat(dims.length - 1 - axis) + " ".repeat(indent);
                for (int j = 0; j < idx.length; j++) {
                    if (j > 0) {
                        out.append(separator);
                        if (gap && j == EDGE_ITEMS) {
                            out.append("...").append(separator);
                        }
                    }
                    block(out, axis + 1, offset + idx[j] * strides[axis], indent + 1);
                }
            }
            out.append(']');
        }
    }
}
