package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input is refused before anything is allocated or any kernel runs. */
class ValidationTest {
    private final TestBackends.Counting kernels = new TestBackends.Counting();
    private final Backend backend = Backend.of("counting", kernels);
    private final Tensor a = backend.zeros(Shape.of(2, 3), DType.FLOAT32);
    private final Tensor b = backend.zeros(Shape.of(4), DType.FLOAT32);
    private final Tensor wide = backend.zeros(Shape.of(2, 3), DType.FLOAT64);
    private final Tensor c = backend.zeros(Shape.of(2, 3), DType.FLOAT32);
    private final Tensor d = backend.zeros(Shape.of(2, 3), DType.FLOAT32);
    private final Tensor tall = backend.zeros(Shape.of(3, 2), DType.FLOAT32);
    private final Tensor noRows = backend.zeros(Shape.of(0, 3), DType.FLOAT32);

    @Test
    void nothingIsAllocatedOrComputedBeforeValidation() {
        int allocations = kernels.allocations.get();
        List<Runnable> bad = List.of(
                () -> backend.add(a, b), () -> backend.multiply(a, b), () -> backend.matmul(a, a),
                () -> backend.dot(a, b), () -> backend.add(a, wide), () -> backend.subtract(a, b),
                () -> backend.matmul(a, b, a), () -> backend.sum(a, 2, false), () -> backend.max(b, 1, true),
                () -> backend.map(null, a), () -> backend.fromArray(new float[5], 2, 3),
                () -> backend.transpose(b), () -> backend.matmulTransposeA(a, b), () -> backend.scale(null, 1),
                () -> backend.zeros(Shape.of(2), null),
                () -> backend.softmaxCrossEntropy(b, b, c, d), () -> backend.softmaxCrossEntropy(a, wide, c, d),
                () -> backend.softmaxCrossEntropy(a, tall, c, d),
                () -> backend.softmaxCrossEntropy(noRows, noRows, c, d),
                () -> backend.softmaxCrossEntropy(a, c, a.reshape(2, 3), d),
                () -> backend.softmaxCrossEntropy(a, c, d, d), () -> backend.softmaxCrossEntropy(a, c, d, wide),
                () -> backend.copyFrom(new float[10], 5, a), () -> backend.copyFrom(new float[10], -1, a),
                () -> backend.copyFrom(new double[10], 0, a), () -> backend.copyFrom(new float[10], 0, wide));
        for (Runnable call : bad) {
            assertThatThrownBy(call::run).isInstanceOf(TensorArgumentException.class);
        }
        assertThat(kernels.allocations.get()).isEqualTo(allocations);
        assertThat(kernels.kernelCalls.get()).isZero();
    }

    @Test
    void copyFromARangeCopiesThoseElements() {
        float[] data = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Tensor t = backend.zeros(Shape.of(2, 3), DType.FLOAT32);
        backend.copyFrom(data, 4, t);
        assertThat(t.toFloatArray()).containsExactly(4, 5, 6, 7, 8, 9);
        Tensor w = backend.zeros(Shape.of(3), DType.FLOAT64);
        backend.copyFrom(new double[] {1.5, 2.5, 3.5, 4.5}, 1, w);
        assertThat(w.toDoubleArray()).containsExactly(2.5, 3.5, 4.5);
    }

    @Test
    void softmaxCrossEntropyOfOneHotRows() {
        Tensor z = backend.fromArray(new double[] {0, 0, 1000, Math.log(3), 0, Double.NEGATIVE_INFINITY}, 2, 3);
        Tensor y = backend.fromArray(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
        Tensor p = backend.zeros(Shape.of(2, 3), DType.FLOAT64);
        Tensor g = backend.zeros(Shape.of(2, 3), DType.FLOAT64);
        double loss = backend.softmaxCrossEntropy(z, y, p, g);
        // Row 0: p = (0, 0, 1), loss 0. Row 1: p = (3/4, 1/4, 0), loss -log(3/4). Gradient (p - y) / 2.
        assertThat(loss).isCloseTo(-Math.log(0.75) / 2, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(p.toDoubleArray()).containsExactly(new double[] {0, 0, 1, 0.75, 0.25, 0}, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(g.toDoubleArray()).containsExactly(new double[] {0, 0, 0, -0.125, 0.125, 0}, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void emptyResultsAndEmptyContractionsNeverReachAKernel() {
        Tensor empty = backend.zeros(Shape.of(0, 3), DType.FLOAT32);
        Tensor innerEmpty = backend.zeros(Shape.of(2, 0), DType.FLOAT32);
        backend.add(empty, backend.zeros(Shape.of(3), DType.FLOAT32));
        Tensor zeros = backend.matmul(innerEmpty, backend.zeros(Shape.of(0, 5), DType.FLOAT32));
        assertThat(zeros.toFloatArray()).containsOnly(0.0f).hasSize(10);
        backend.dot(backend.zeros(Shape.of(0), DType.FLOAT64), backend.zeros(Shape.of(0), DType.FLOAT64));
        assertThat(kernels.kernelCalls.get()).isZero();
    }

    @Test
    void referenceImplementationsCoverTheExtendedOperations() {
        Tensor x = backend.fromArray(new double[] {-2, -0.5, 0, 1.5, 3, 4}, 2, 3);
        assertThat(x.relu().toDoubleArray()).containsExactly(0, 0, 0, 1.5, 3, 4);
        assertThat(x.sum(0, false).toDoubleArray()).containsExactly(-0.5, 2.5, 4);
        assertThat(x.sum(1, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.sum().getDouble()).isEqualTo(6.0);
        assertThat(x.max(1, false).toDoubleArray()).containsExactly(0, 4);
        assertThat(x.argmax(0)).containsExactly(1, 1, 1);
        assertThat(x.transpose().toDoubleArray()).containsExactly(-2, 1.5, -0.5, 3, 0, 4);
        assertThat(x.scale(2).toDoubleArray()).containsExactly(-4, -1, 0, 3, 6, 8);
        assertThat(x.subtract(x).toDoubleArray()).containsOnly(0.0);
        Tensor y = backend.fromArray(new double[] {1, 1, 1, 1, 1, 1}, 2, 3);
        backend.axpy(0.5, x, y);
        assertThat(y.toDoubleArray()).containsExactly(0, 0.75, 1, 1.75, 2.5, 3);
        assertThat(backend.matmulTransposeB(x, x).toDoubleArray()).containsExactly(4.25, -4.5, -4.5, 27.25);
        assertThat(backend.matmulTransposeA(x, x).shape()).isEqualTo(Shape.of(3, 3));
    }

    @Test
    void leakyReluSlopeIsRoundedToTheDtype() {
        Tensor x = backend.fromArray(new float[] {-3f}, 1);
        float want = 0.01f * -3f;
        assertThat(x.map(UnaryOp.leakyRelu(0.01)).getFloat(0)).isEqualTo(want);
    }

    @Test
    void tensorsDescribeTheirMetadata() {
        assertThat(a.describe()).isEqualTo("Tensor(float32, (2,3), counting)");
    }
}
