package org.vecnn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.Tolerances;

/**
 * Every pair of available backends computes the same results on the same generated inputs: elementwise
 * operations bit for bit, products within twice {@link Tolerances#sumOfTerms} (each backend may err by one
 * bound from the exact value). Includes sizes larger than the TCK's, where blocked and threaded kernels start.
 */
class AllBackendsAgreeIT {
    private static final int[][] MATMUL_SIZES = {{1, 1, 1}, {3, 5, 2}, {17, 33, 9}, {64, 64, 64}, {128, 200, 96}};

    @TestFactory
    List<DynamicTest> allPairsAgree() {
        List<Backend> backends = Backends.report().stream().filter(BackendStatus::available)
                .map(s -> Backends.get(s.name())).collect(Collectors.toList());
        assertThat(backends).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            for (int j = i; j < backends.size(); j++) {
                Backend a = backends.get(i);
                Backend b = backends.get(j);
                for (DType dtype : DType.values()) {
                    if (a.capabilities().supports(dtype) && b.capabilities().supports(dtype)) {
                        tests.add(DynamicTest.dynamicTest(a.name() + " vs " + b.name() + " " + dtype,
                                () -> agree(a, b, dtype)));
                    }
                }
            }
        }
        return tests;
    }

    private static void agree(Backend first, Backend second, DType dtype) {
        SplittableRandom random = new SplittableRandom(42);
        for (int[] mkn : MATMUL_SIZES) {
            double[] x = values(random, mkn[0] * mkn[1]);
            double[] y = values(random, mkn[1] * mkn[2]);
            Shape sa = Shape.of(mkn[0], mkn[1]);
            Shape sb = Shape.of(mkn[1], mkn[2]);
            double[] r1 = first.fromArray(x, sa, dtype).matmul(first.fromArray(y, sb, dtype)).toDoubleArray();
            double[] r2 = second.fromArray(x, sa, dtype).matmul(second.fromArray(y, sb, dtype)).toDoubleArray();
            Backend exact = Backends.get("loops");
            double[] absSums = exact.fromArray(abs(x), sa, DType.FLOAT64).matmul(exact.fromArray(abs(y), sb, DType.FLOAT64)).toDoubleArray();
            for (int e = 0; e < r1.length; e++) {
                double bound = 2 * Tolerances.sumOfTerms(dtype, mkn[1], absSums[e]);
                assertThat(Math.abs(r1[e] - r2[e])).as("matmul %s element %d: %s %s vs %s %s",
                        java.util.Arrays.toString(mkn), e, first.name(), r1[e], second.name(), r2[e]).isLessThanOrEqualTo(bound);
            }
        }
        Shape big = Shape.of(300, 257);
        Shape row = Shape.of(257);
        double[] x = values(random, big.size());
        double[] y = values(random, row.size());
        assertThat(first.fromArray(x, big, dtype).add(first.fromArray(y, row, dtype)).toDoubleArray())
                .containsExactly(second.fromArray(x, big, dtype).add(second.fromArray(y, row, dtype)).toDoubleArray());
        assertThat(first.fromArray(x, big, dtype).multiply(first.fromArray(y, row, dtype)).toDoubleArray())
                .containsExactly(second.fromArray(x, big, dtype).multiply(second.fromArray(y, row, dtype)).toDoubleArray());
        double d1 = first.fromArray(x, big, dtype).dot(first.fromArray(y, row, dtype)).toDoubleArray()[7];
        double d2 = second.fromArray(x, big, dtype).dot(second.fromArray(y, row, dtype)).toDoubleArray()[7];
        double absSum = 0;
        for (int k = 0; k < row.size(); k++) {
            absSum += Math.abs(x[7 * row.size() + k] * y[k]);
        }
        assertThat(Math.abs(d1 - d2)).as("dot row 7").isLessThanOrEqualTo(2 * Tolerances.sumOfTerms(dtype, row.size(), absSum));
    }

    private static double[] values(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-2, 2);
        }
        return v;
    }

    private static double[] abs(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.abs(v[i]);
        }
        return r;
    }
}
