package org.vecnn.backend.vector;

/**
 * Work a product's caller adds to each of its parts, on the thread that computed the part, right after it: the
 * part's block of C is then still in that core's cache. For a dense layer, the bias and the activation.
 */
@FunctionalInterface
interface Epilogue {
    /** Nothing more to do. */
    Epilogue NONE = (rowFrom, rowTo, columnFrom, columnTo) -> { };

    /** Finishes rows {@code [rowFrom, rowTo)}, columns {@code [columnFrom, columnTo)} of C, which are computed. */
    void finish(int rowFrom, int rowTo, int columnFrom, int columnTo);
}
