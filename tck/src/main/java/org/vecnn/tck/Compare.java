package org.vecnn.tck;

import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/** Element-by-element comparison of a backend's result with the reference's, with messages that show where. */
final class Compare {
    private Compare() {
    }

    /** Same values bit for bit, except that any NaN matches any NaN. */
    static void identical(String context, double[] actual, double[] expected) {
        sameLength(context, actual, expected);
        for (int i = 0; i < expected.length; i++) {
            if (!sameValue(actual[i], expected[i])) {
                throw mismatch(context, i, actual[i], expected[i], 0.0);
            }
        }
    }

    /** Within {@code bound[i]} of the expected value; non-finite expected values must match exactly. */
    static void within(String context, double[] actual, double[] expected, double[] bound) {
        sameLength(context, actual, expected);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isFinite(e) ? Math.abs(a - e) <= bound[i] : sameValue(a, e);
            if (!ok) {
                throw mismatch(context, i, a, e, bound[i]);
            }
        }
    }

    /**
     * {@link #within}, and where the expected value is an exact zero, the same zero: a sum of products starts
     * from {@code +0.0} (NumPy, BLAS), so {@code [[-0.0]] @ [[1.0]]} is {@code +0.0}, never {@code -0.0}.
     */
    static void productWithin(String context, double[] actual, double[] expected, double[] bound) {
        within(context, actual, expected, bound);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == 0 && actual[i] == 0 && !sameValue(actual[i], expected[i])) {
                throw new AssertionFailedError(context + ": element " + i + " is " + actual[i] + ", expected "
                        + expected[i] + ": an exactly-zero sum of products starts from +0.0 and keeps its sign",
                        expected[i], actual[i]);
            }
        }
    }

    static boolean sameValue(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    private static void sameLength(String context, double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionFailedError(context + ": " + actual.length + " elements, expected " + expected.length);
        }
    }

    private static AssertionFailedError mismatch(String context, int index, double actual, double expected, double bound) {
        return new AssertionFailedError(context + ": element " + index + " is " + actual + " ("
                + Double.toHexString(actual) + "), expected " + expected + " (" + Double.toHexString(expected)
                + ")" + (bound > 0 ? " within " + bound : " exactly"), expected, actual);
    }

    static String describe(double[] values) {
        return values.length <= 12 ? Arrays.toString(values) : values.length + " values";
    }
}
