package org.vecnn.cli;

/** The four core operations that {@code verify} and {@code bench} check on every backend. */
enum Op {
    MATMUL, DOT, ADD, MULTIPLY
}
