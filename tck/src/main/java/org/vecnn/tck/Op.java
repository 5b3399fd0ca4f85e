package org.vecnn.tck;

/** The user operations the TCK checks, as its oracle and its reports name them. */
enum Op {
    MATMUL, DOT, ADD, MULTIPLY,
    SUBTRACT, DIVIDE, SCALE, AXPY, MAP, SUM, MAX, ARGMAX, TRANSPOSE, MATMUL_TRANSPOSE_A, MATMUL_TRANSPOSE_B,
    COPY, FILL;
}
