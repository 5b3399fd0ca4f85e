package org.vecnn.tck;

import java.util.SplittableRandom;
import org.vecnn.DType;
import org.vecnn.Shape;

/** Deterministic generators of operand shapes and values, one stream per seed. */
final class Cases {
    private final SplittableRandom random;

    Cases(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /**
     * Values a network meets, with the awkward ones mixed in: mostly uniform in [-4, 4], some small integers
     * (exact products, ties), zeros of both signs, and larger magnitudes. Rounded to {@code dtype}.
     */
    double[] values(int n, DType dtype) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(20);
            double v;
            if (kind == 0) {
                v = 0.0;
            } else if (kind == 1) {
                v = -0.0;
            } else if (kind <= 3) {
                v = random.nextInt(7) - 3;
            } else if (kind == 4) {
                v = random.nextDouble(-1000.0, 1000.0);
            } else {
                v = random.nextDouble(-4.0, 4.0);
            }
            values[i] = dtype == DType.FLOAT32 ? (float) v : v;
        }
        return values;
    }

    /** A dimension in [1, max], or 0 with probability {@code zero}. */
    int dim(int max, double zero) {
        return chance(zero) ? 0 : 1 + random.nextInt(max);
    }

    /** Two shapes that broadcast together: any rank to 4, size-1 and size-0 dimensions, dropped leading ones. */
    Shape[] broadcastPair() {
        int rank = random.nextInt(5);
        int[] result = new int[rank];
        for (int i = 0; i < rank; i++) {
            result[i] = dim(4, 0.05);
        }
        return new Shape[] {broadcastable(result), broadcastable(result)};
    }

    /** Three shapes that broadcast together (np.where's mask and operands), drawn as {@link #broadcastPair}'s. */
    Shape[] broadcastTriple() {
        int rank = random.nextInt(5);
        int[] result = new int[rank];
        for (int i = 0; i < rank; i++) {
            result[i] = dim(4, 0.05);
        }
        return new Shape[] {broadcastable(result), broadcastable(result), broadcastable(result)};
    }

    /**
     * {@link #values}, with NaN, infinities of both signs and {@code -0.0} mixed in at about one element in
     * {@code 1 / p}: for the functions and comparisons whose special cases the TCK checks.
     */
    double[] valuesWithSpecials(int n, DType dtype, double p) {
        double[] values = values(n, dtype);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1.0, -1.0};
        for (int i = 0; i < n; i++) {
            if (chance(p)) {
                values[i] = specials[random.nextInt(specials.length)];
            }
        }
        return values;
    }

    /** A shape that broadcasts to {@code result}: some leading dimensions dropped, some others set to 1. */
    private Shape broadcastable(int[] result) {
        int drop = chance(0.5) ? 0 : random.nextInt(result.length + 1);
        int[] dims = new int[result.length - drop];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = chance(0.3) ? 1 : result[drop + i];
        }
        return Shape.of(dims);
    }

    /** Operands of np.matmul: batches broadcast, 1-D operands on either side, inner size 0 now and then. */
    Shape[] matmulPair() {
        int m = dim(7, 0.03);
        int k = dim(9, 0.05);
        int n = dim(7, 0.03);
        int batchRank = random.nextInt(3);
        int[] batch = new int[batchRank];
        for (int i = 0; i < batchRank; i++) {
            batch[i] = dim(3, 0.0);
        }
        boolean vectorA = chance(0.15);
        boolean vectorB = chance(0.15);
        Shape a = vectorA ? Shape.of(k) : withMatrix(broadcastable(batch), m, k);
        Shape b = vectorB ? Shape.of(k) : withMatrix(broadcastable(batch), k, n);
        return new Shape[] {a, b};
    }

    private static Shape withMatrix(Shape batch, int rows, int cols) {
        int[] dims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        dims[batch.rank()] = rows;
        dims[batch.rank() + 1] = cols;
        return Shape.of(dims);
    }

    /** Operands of np.dot: every form it has (scalars, vectors, matrices, N-D with a 1-D or N-D right side). */
    Shape[] dotPair() {
        int k = dim(9, 0.05);
        switch (random.nextInt(6)) {
            case 0: return new Shape[] {Shape.of(k), Shape.of(k)};
            case 1: return new Shape[] {Shape.of(dim(3, 0.0), dim(4, 0.05), k), Shape.of(k)};
            case 2: return new Shape[] {Shape.of(dim(6, 0.03), k), Shape.of(k, dim(6, 0.03))};
            case 3: return new Shape[] {Shape.of(k), Shape.of(k, dim(6, 0.03))};
            case 4: return chance(0.5) ? new Shape[] {Shape.scalar(), shape(3, 4)} : new Shape[] {shape(3, 4), Shape.scalar()};
            default: return new Shape[] {Shape.of(dim(3, 0.0), k), Shape.of(dim(3, 0.0), k, dim(4, 0.0))};
        }
    }

    /** Operands of aᵀ·b (k,m)(k,n) when {@code transposeA}, else of a·bᵀ (m,k)(n,k). */
    Shape[] transposedProductPair(boolean transposeA) {
        int m = dim(7, 0.03);
        int k = dim(9, 0.05);
        int n = dim(7, 0.03);
        return transposeA ? new Shape[] {Shape.of(k, m), Shape.of(k, n)} : new Shape[] {Shape.of(m, k), Shape.of(n, k)};
    }

    /** Any shape of rank up to {@code maxRank} with dimensions up to {@code maxDim}. */
    Shape shape(int maxRank, int maxDim) {
        int[] dims = new int[random.nextInt(maxRank + 1)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dim(maxDim, 0.05);
        }
        return Shape.of(dims);
    }
}
