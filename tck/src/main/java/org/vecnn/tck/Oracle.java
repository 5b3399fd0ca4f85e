package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.TensorArgumentException;
import org.vecnn.Backend;
import org.vecnn.Tolerances;

/** Runs an operation on the backend under test and on the reference, and compares within the TCK's tolerance. */
final class Oracle {
    private final Backend backend;
    private final Backend reference;

    Oracle(Backend backend, Backend reference) {
        this.backend = backend;
        this.reference = reference;
    }

    /** {@code op(a, b)} for the binary operations of the SPI. */
    static Tensor apply(Op op, Tensor a, Tensor b) {
        Backend on = a.backend();
        switch (op) {
            case MATMUL: return on.matmul(a, b);
            case DOT: return on.dot(a, b);
            case ADD: return on.add(a, b);
            case MULTIPLY: return on.multiply(a, b);
            case SUBTRACT: return on.subtract(a, b);
            case DIVIDE: return on.divide(a, b);
            case MATMUL_TRANSPOSE_A: return on.matmulTransposeA(a, b);
            case MATMUL_TRANSPOSE_B: return on.matmulTransposeB(a, b);
            default: throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    /** {@code op(a, b, out=out)} for the binary operations of the SPI. */
    static void applyInto(Op op, Tensor a, Tensor b, Tensor out) {
        Backend on = a.backend();
        switch (op) {
            case MATMUL: on.matmul(a, b, out); break;
            case DOT: on.dot(a, b, out); break;
            case ADD: on.add(a, b, out); break;
            case MULTIPLY: on.multiply(a, b, out); break;
            case SUBTRACT: on.subtract(a, b, out); break;
            case DIVIDE: on.divide(a, b, out); break;
            case MATMUL_TRANSPOSE_A: on.matmulTransposeA(a, b, out); break;
            case MATMUL_TRANSPOSE_B: on.matmulTransposeB(a, b, out); break;
            default: throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    static boolean isProduct(Op op) {
        return op == Op.MATMUL || op == Op.DOT || op == Op.MATMUL_TRANSPOSE_A || op == Op.MATMUL_TRANSPOSE_B;
    }

    /** The number of terms each result element of a product sums. */
    static int terms(Op op, Shape a) {
        if (a.rank() == 0) {
            return 1;
        }
        return op == Op.MATMUL_TRANSPOSE_A ? a.dim(0) : a.dim(-1);
    }

    /**
     * Checks {@code op} on operands of the given shapes and values in both allocating and {@code out=} forms:
     * same shape as the reference, and values identical (elementwise operations) or within
     * {@link Tolerances#sumOfTerms} (products).
     */
    void checkBinary(Op op, DType dtype, Shape sa, double[] x, Shape sb, double[] y) {
        String context = op + " " + dtype.numpyName() + " " + sa + " " + sb + " a=" + Compare.describe(x)
                + " b=" + Compare.describe(y);
        Tensor expected = apply(op, reference.fromArray(x, sa, dtype), reference.fromArray(y, sb, dtype));
        Tensor a = onBackend(context, "fromArray", () -> backend.fromArray(x, sa, dtype));
        Tensor b = onBackend(context, "fromArray", () -> backend.fromArray(y, sb, dtype));
        Tensor actual = onBackend(context, "the allocating form", () -> apply(op, a, b));
        assertThat(actual.shape()).as(context).isEqualTo(expected.shape());
        assertThat(actual.dtype()).as(context).isEqualTo(dtype);
        double[] want = expected.toDoubleArray();
        Tensor into = onBackend(context, "full", () -> backend.full(expected.shape(), dtype, Double.NaN));
        onBackend(context, "the out= form", () -> {
            applyInto(op, a, b, into);
            return into;
        });
        if (isProduct(op)) {
            double[] bound = bounds(op, dtype, sa, x, sb, y);
            Compare.productWithin(context, actual.toDoubleArray(), want, bound);
            Compare.productWithin(context + " (out=)", into.toDoubleArray(), want, bound);
        } else {
            Compare.identical(context, actual.toDoubleArray(), want);
            Compare.identical(context + " (out=)", into.toDoubleArray(), want);
        }
    }

    /**
     * Runs one call on the backend under test; an exception its kernels throw (an index out of bounds, a null,
     * a native error) becomes a TCK failure that names the operation, the dtype, the shapes and the values, with
     * the kernel's exception as its cause. A {@link TensorArgumentException} is the front end's answer to bad
     * input, which the checks that expect it catch themselves, so it passes through unchanged.
     */
    static <T> T onBackend(String context, String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (TensorArgumentException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(context + ": the backend under test threw " + e.getClass().getName()
                    + " in " + step + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /** Per result element, {@link Tolerances#sumOfTerms} with the sum of |terms| computed by the reference in float64. */
    double[] bounds(Op op, DType dtype, Shape sa, double[] x, Shape sb, double[] y) {
        Tensor absSums = apply(op, reference.fromArray(abs(x), sa, DType.FLOAT64), reference.fromArray(abs(y), sb, DType.FLOAT64));
        double[] bound = absSums.toDoubleArray();
        int terms = terms(op, sa);
        for (int i = 0; i < bound.length; i++) {
            bound[i] = Tolerances.sumOfTerms(dtype, terms, bound[i]);
        }
        return bound;
    }

    static double[] abs(double[] values) {
        double[] abs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        return abs;
    }
}
