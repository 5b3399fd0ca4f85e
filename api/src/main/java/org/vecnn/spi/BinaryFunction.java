package org.vecnn.spi;

/**
 * An elementwise function of two arguments beyond {@link BinaryOp}'s arithmetic, as
 * {@link Kernels#binaryFunction} receives it: NumPy's {@code power}, {@code maximum}, {@code minimum} and the
 * comparisons. {@link #apply(double, double)} is the reference definition every backend is checked against.
 *
 * <p>A comparison gives a mask in the operands' own dtype (vecnn has no bool dtype): {@code 1.0} where it
 * holds, {@code +0.0} where it does not. Every comparison with NaN is false except {@link #NOT_EQUAL}, which is
 * true, and {@code -0.0 == +0.0}, as IEEE 754 and NumPy say.
 */
public enum BinaryFunction {
    /** {@code np.power(a, b)}: C's {@code pow}, so {@code 1 ** NaN == 1}, {@code (-1) ** ±inf == 1}, {@code NaN ** 0 == 1}. */
    POWER,
    /** {@code np.maximum(a, b)}: NaN if either is NaN; for equal operands ({@code -0.0} and {@code +0.0}) {@code b}. */
    MAXIMUM,
    /** {@code np.minimum(a, b)}: NaN if either is NaN; for equal operands ({@code -0.0} and {@code +0.0}) {@code b}. */
    MINIMUM,
    /** {@code a > b} as a 0/1 mask. */
    GREATER,
    /** {@code a >= b} as a 0/1 mask. */
    GREATER_EQUAL,
    /** {@code a < b} as a 0/1 mask. */
    LESS,
    /** {@code a <= b} as a 0/1 mask. */
    LESS_EQUAL,
    /** {@code a == b} as a 0/1 mask. */
    EQUAL,
    /** {@code a != b} as a 0/1 mask; true where either is NaN. */
    NOT_EQUAL;

    /**
     * The reference definition in double precision; for FLOAT32 the reference result is this value rounded once
     * to float (exact for every function but {@link #POWER}, whose double result is rounded once).
     */
    public double apply(double a, double b) {
        return switch (this) {
            case POWER -> power(a, b);
            case MAXIMUM -> Double.isNaN(a) ? a : a > b ? a : b;
            case MINIMUM -> Double.isNaN(a) ? a : a < b ? a : b;
            case GREATER -> mask(a > b);
            case GREATER_EQUAL -> mask(a >= b);
            case LESS -> mask(a < b);
            case LESS_EQUAL -> mask(a <= b);
            case EQUAL -> mask(a == b);
            case NOT_EQUAL -> mask(a != b);
        };
    }

    /** Whether this function gives a 0/1 mask. */
    public boolean isComparison() {
        return ordinal() >= GREATER.ordinal();
    }

    /** NumPy's name of the function, as error messages use it: {@code greater_equal}, {@code power}. */
    public String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static double mask(boolean holds) {
        return holds ? 1.0 : 0.0;
    }

    /** C99's {@code pow}, which NumPy calls; Java's {@code Math.pow} differs where the base is 1 or -1. */
    private static double power(double a, double b) {
        if (a == 1.0 || a == -1.0 && Double.isInfinite(b)) {
            return 1.0;
        }
        return Math.pow(a, b);
    }
}
