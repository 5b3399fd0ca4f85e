package org.vecnn;


/**
 * The error bounds the TCK allows a backend, per dtype and operation, and why.
 *
 * <ul>
 *   <li><b>Exact</b> (bit for bit, {@code -0.0} distinct from {@code +0.0}, any NaN equal to any NaN):
 *   {@code add}, {@code multiply}, {@code subtract}, {@code divide}, {@code scale}, {@code max}, {@code argmax},
 *   {@code transpose}, {@code copy}, {@code fill}. Each element is one IEEE operation (or none), whose
 *   correctly rounded result is unique.</li>
 *   <li><b>Sums of products</b> ({@code matmul}, {@code dot}, the transposed products, {@code sum}, {@code axpy}):
 *   by Higham's bound for recursive summation, a sum of {@code n} terms computed in any order errs by at most
 *   {@code γ(n) Σ|terms|} with {@code γ(n) ≈ n·u}, plus {@code n·η} for underflow. The backend and the
 *   reference each err that much, so they may differ by {@link #sumOfTerms twice that}. The bound scales with
 *   {@code Σ|a_ik·b_kj|}, not with the result, so cancellation cannot make a correct backend fail.</li>
 *   <li><b>Elementwise functions</b> ({@code exp}, {@code log}, {@code tanh}, {@code sigmoid} and their derivatives):
 *   {@link #function 8 units of the dtype's roundoff relative to max(1, |reference|)}: libm-grade functions
 *   are within 1-2 ulp; the absolute part admits a float backend's cancellation in {@code s·(1-s)}.</li>
 *   <li><b>Softmax cross-entropy</b>: {@link #softmaxCrossEntropy (columns + 8) units relative to max(1,
 *   |reference|)}, a sum of {@code columns} exponentials and a few roundings more.</li>
 * </ul>
 */
public final class Tolerances {
    private Tolerances() {
    }

    /** The unit roundoff {@code u}: half the distance from 1 to the next number, 2^-24 or 2^-53. */
    public static double unitRoundoff(DType dtype) {
        return dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /** The smallest positive subnormal {@code η}, the absolute error of an underflowing operation. */
    public static double underflow(DType dtype) {
        return dtype == DType.FLOAT32 ? Float.MIN_VALUE : Double.MIN_VALUE;
    }

    /**
     * How far a backend's sum of {@code terms} products may be from the reference's:
     * {@code 2·(terms+1)·u·absSum + 2·terms·η}, where {@code absSum} is the sum of the terms' magnitudes.
     */
    public static double sumOfTerms(DType dtype, int terms, double absSum) {
        return 2.0 * (terms + 1) * unitRoundoff(dtype) * absSum + 2.0 * terms * underflow(dtype);
    }

    /**
     * How far a backend's softmax cross-entropy output (a probability, a gradient element times the row count,
     * or the mean loss) may be from the reference's {@code reference} value, for rows of {@code columns}:
     * {@code (columns + 8)·u·max(1, |reference|)}. The row's sum of exponentials gathers up to one rounding per
     * term, and each exponential, the logarithm, the division and the subtraction of the target add a few
     * units more; the errors scale with the probabilities, which are at most 1, or with the loss.
     */
    public static double softmaxCrossEntropy(DType dtype, int columns, double reference) {
        return (columns + 8.0) * unitRoundoff(dtype) * Math.max(1.0, Math.abs(reference));
    }

    /** How far a backend's elementwise function value may be from the reference's {@code reference} value. */
    public static double function(DType dtype, double reference) {
        return 8.0 * unitRoundoff(dtype) * Math.max(1.0, Math.abs(reference));
    }
}
