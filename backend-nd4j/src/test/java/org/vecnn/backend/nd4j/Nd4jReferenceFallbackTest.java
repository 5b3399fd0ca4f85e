package org.vecnn.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.UnaryOp;

/**
 * The operations left to the SPI's reference code because ND4J's versions differ from NumPy's: they give
 * NumPy's answers here, on the cases where ND4J's would not.
 */
class Nd4jReferenceFallbackTest {
    private final Backend nd4j = Backends.get("nd4j");

    private Tensor tensor(DType dtype, double... values) {
        Tensor t = nd4j.fromArray(values, Shape.of(values.length));
        return t.as(dtype);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxLetsNaNWinWhereNd4jSkipsIt(DType dtype) {
        Tensor x = nd4j.fromArray(new double[] {1, Double.NaN, 3, -0.0, 0.0, -1}, Shape.of(2, 3)).as(dtype);
        assertThat(nd4j.max(x, 1, false).toDoubleArray()).containsExactly(Double.NaN, -0.0);
        assertThat(nd4j.argmax(x, 1)).containsExactly(1, 0);
        assertThat(nd4j.capabilities().accelerated()).doesNotContain("argmax");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void reluGivesPositiveZeroAndKeepsNaN(DType dtype) {
        double[] got = nd4j.map(UnaryOp.RELU, tensor(dtype, -0.0, Double.NaN, -2, 3)).toDoubleArray();
        assertThat(Double.doubleToRawLongBits(got[0])).isZero();
        assertThat(got[1]).isNaN();
        assertThat(got[2]).isEqualTo(0.0);
        assertThat(got[3]).isEqualTo(3.0);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void tanhKeepsTheSignOfZero(DType dtype) {
        double[] got = nd4j.map(UnaryOp.TANH, tensor(dtype, -0.0, 0.0)).toDoubleArray();
        assertThat(Double.doubleToRawLongBits(got[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(got[1])).isZero();
    }
}
