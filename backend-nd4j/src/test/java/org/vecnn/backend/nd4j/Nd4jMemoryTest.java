package org.vecnn.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * Off-heap memory stays bounded over 100,000 operations that each allocate a fresh 100x100 float64 result
 * (80 KB, 8 GB in all): the process's physical memory, as JavaCPP measures it, levels off instead of growing.
 */
class Nd4jMemoryTest {
    private static final int OPS = 100_000;
    private static final int SAMPLES = 20;

    @Test
    void physicalMemoryLevelsOffOverAHundredThousandAllocatingOps() {
        Backend nd4j = Backends.get("nd4j");
        Shape shape = Shape.of(100, 100);
        Tensor a = nd4j.full(shape, DType.FLOAT64, 0.5);
        Tensor b = nd4j.full(shape, DType.FLOAT64, 2.0);
        Tensor bias = nd4j.full(Shape.of(100), DType.FLOAT64, 1.0);
        List<Long> physical = new ArrayList<>();
        double check = 0;
        for (int i = 1; i <= OPS; i++) {
            Tensor r = switch (i % 4) {
                case 0 -> nd4j.add(a, bias);
                case 1 -> nd4j.multiply(a, b);
                case 2 -> nd4j.matmul(a, b);
                default -> nd4j.map(org.vecnn.UnaryOp.SIGMOID, a);
            };
            if (i % (OPS / SAMPLES) == 0) {
                check += r.getDouble(0, 0);
                physical.add(Pointer.physicalBytes());
            }
        }
        assertThat(check).isPositive();
        System.out.println("Nd4jMemoryTest: physical bytes every " + OPS / SAMPLES + " ops: " + physical);
        long firstHalfPeak = physical.subList(0, SAMPLES / 2).stream().mapToLong(Long::longValue).max().orElseThrow();
        long secondHalfPeak = physical.subList(SAMPLES / 2, SAMPLES).stream().mapToLong(Long::longValue).max().orElseThrow();
        long allocated = (long) OPS * shape.size() * Double.BYTES;
        assertThat(secondHalfPeak).as("physical bytes per sample %s; %d MB allocated in all", physical, allocated >> 20)
                .isLessThan(firstHalfPeak + firstHalfPeak / 4 + (64L << 20))
                .isLessThan(allocated / 2);
    }
}
