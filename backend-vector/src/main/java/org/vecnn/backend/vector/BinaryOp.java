package org.vecnn.backend.vector;

/** The elementwise binary operations of the engine, each one IEEE operation per element (bit-exact). */
enum BinaryOp {
    ADD, SUBTRACT, MULTIPLY, DIVIDE;

    /** The operation in double precision, for scalar tails of the double kernels. */
    double apply(double x, double y) {
        switch (this) {
            case ADD: return x + y;
            case SUBTRACT: return x - y;
            case MULTIPLY: return x * y;
            default: return x / y;
        }
    }
}
