package org.vecnn.nn;

/**
 * What a dataset does with NaN and infinite values in its features or targets. They make every loss NaN, so
 * the default is to refuse them, naming the row and column; {@link #ALLOW} keeps them (for data a user cleans
 * or masks later).
 */
public enum NonFinite {
    /** Refuse NaN, infinities and values beyond the float range, naming the row and column (the default). */
    REJECT,
    /** Keep them as they are. */
    ALLOW
}
