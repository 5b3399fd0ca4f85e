package org.vecnn.backend.aparapi;

import org.vecnn.UnaryOp;

/**
 * The instruction format of the arena kernels: every launch passes one {@code int[]} whose header says which
 * operation to run and where its operands lie in the arena. Compile-time constants, so that the kernels'
 * {@code run()} methods (translated to OpenCL by Aparapi) see plain literals.
 */
final class Ops {
    private Ops() {
    }

    // ---- operation codes (header slot OP)
    static final int ADD = 1;
    static final int SUBTRACT = 2;
    static final int MULTIPLY = 3;
    static final int DIVIDE = 4;
    static final int MAP = 5;
    static final int SCALE = 6;
    static final int AXPY = 7;
    static final int COPY = 8;
    static final int FILL = 9;
    static final int TRANSPOSE = 10;
    static final int COPY_OUT = 11;
    static final int COPY_IN = 12;
    static final int MATMUL = 13;
    static final int REDUCE = 14;
    /**
     * A reduction along an axis with a large stride ({@code INNER >= COLUMNS_FROM}), such as a sum over the rows
     * of a matrix: one work-item per output, so that neighbouring work-items read neighbouring elements.
     * Same slots as REDUCE.
     */
    static final int REDUCE_COLUMNS = 15;
    /** The smallest stride along the reduced axis that REDUCE_COLUMNS takes: a GPU's memory transaction of floats. */
    static final int COLUMNS_FROM = 32;

    // ---- header slots common to every operation
    /** The operation code. */
    static final int OP = 0;
    /** Work units of the whole operation: elements for elementwise operations, outputs for reductions. */
    static final int SIZE = 1;
    /** The first work unit of this launch (large operations run in several launches). */
    static final int FIRST = 2;
    /** Arena offset of the output. */
    static final int OUT = 3;
    /** Arena offset of the first operand. */
    static final int A = 4;
    /** Arena offset of the second operand. */
    static final int B = 5;
    /** First operation-specific slot. */
    static final int ARGS = 6;

    // ---- broadcasting binary operations: rank, then dims, strides of a, strides of b (rank each)
    static final int RANK = ARGS;
    static final int DIMS = ARGS + 1;

    // ---- MAP: the function (see function(Kind)); its parameter travels as the kernel's scalar
    static final int FUNCTION = ARGS;

    // ---- TRANSPOSE: rows and columns of each input matrix
    static final int ROWS = ARGS;
    static final int COLS = ARGS + 1;

    // ---- MATMUL: sizes, element strides of the two operands' rows and columns, then per-batch offsets
    static final int M = ARGS;
    static final int K = ARGS + 1;
    static final int N = ARGS + 2;
    static final int BATCHES = ARGS + 3;
    static final int A_ROW = ARGS + 4;
    static final int A_COL = ARGS + 5;
    static final int B_ROW = ARGS + 6;
    static final int B_COL = ARGS + 7;
    /** The distance between rows of a result. */
    static final int LDC = ARGS + 8;
    /** The distance between the results of consecutive batches. */
    static final int OUT_STEP = ARGS + 9;
    /** a's batch offsets at {@code OFFSETS + batch}, b's at {@code OFFSETS + BATCHES + batch}. */
    static final int OFFSETS = ARGS + 10;

    // ---- REDUCE: what to reduce, the reduced length and the stride between its elements (AxisLayout.inner)
    static final int MODE = ARGS;
    static final int LENGTH = ARGS + 1;
    static final int INNER = ARGS + 2;

    /** REDUCE modes. */
    static final int SUM = 0;
    static final int MAX = 1;
    static final int ARGMAX = 2;
    /** {@code out[g] = sum_j a[g * LENGTH + j] * b[j]}. */
    static final int DOT = 3;

    // ---- MAP functions: explicit codes, never enum ordinals (see function(Kind))
    static final int NEGATE = 0;
    static final int ABS = 1;
    static final int SQUARE = 2;
    static final int SQRT = 3;
    static final int EXP = 4;
    static final int LOG = 5;
    static final int RELU = 6;
    static final int RELU_DERIVATIVE = 7;
    static final int LEAKY_RELU = 8;
    static final int LEAKY_RELU_DERIVATIVE = 9;
    static final int SIGMOID = 10;
    static final int SIGMOID_DERIVATIVE = 11;
    static final int TANH = 12;
    static final int TANH_DERIVATIVE = 13;

    /** The MAP code of {@code kind}; a new kind is a compile error here, not a wrong function on the device. */
    static int function(UnaryOp.Kind kind) {
        return switch (kind) {
            case NEGATE -> NEGATE;
            case ABS -> ABS;
            case SQUARE -> SQUARE;
            case SQRT -> SQRT;
            case EXP -> EXP;
            case LOG -> LOG;
            case RELU -> RELU;
            case RELU_DERIVATIVE -> RELU_DERIVATIVE;
            case LEAKY_RELU -> LEAKY_RELU;
            case LEAKY_RELU_DERIVATIVE -> LEAKY_RELU_DERIVATIVE;
            case SIGMOID -> SIGMOID;
            case SIGMOID_DERIVATIVE -> SIGMOID_DERIVATIVE;
            case TANH -> TANH;
            case TANH_DERIVATIVE -> TANH_DERIVATIVE;
        };
    }
}
