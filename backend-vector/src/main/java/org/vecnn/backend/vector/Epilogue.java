package org.vecnn.backend.vector;

/**
 * Work a product's caller adds to each block of C once the block's last terms are in (each cache block of a
 * blocked product, each part of a narrow one), on the thread that computed it, while the block is still in that
 * core's cache. For a dense layer, the bias and the activation.
 */
@FunctionalInterface
interface Epilogue {
    /** Nothing more to do. */
    Epilogue NONE = (rowFrom, rowTo, columnFrom, columnTo) -> { };

    /** Finishes rows {@code [rowFrom, rowTo)}, columns {@code [columnFrom, columnTo)} of C, which are computed. */
    void finish(int rowFrom, int rowTo, int columnFrom, int columnTo);
}
