package org.vecnn.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.UnaryOp;

class FnTest {

    @Test
    void everyUnaryOpKindIsAnEngineFunctionOfTheSameKind() {
        for (UnaryOp.Kind kind : UnaryOp.Kind.values()) {
            assertThat(Fn.of(kind).kind()).isEqualTo(kind);
        }
        for (Fn fn : Fn.values()) {
            assertThat(fn.kind() == null).as(fn.name()).isEqualTo(fn == Fn.IDENTITY);
        }
    }

    @Test
    void theDefinitionIsUnaryOps() {
        assertThat(Fn.IDENTITY.apply(-2.5, 0)).isEqualTo(-2.5);
        for (double x : new double[] {-3, -0.0, 0.5, 7, Double.NaN}) {
            assertThat(Double.doubleToLongBits(Fn.LEAKY_RELU.apply(x, 0.1)))
                    .isEqualTo(Double.doubleToLongBits(UnaryOp.leakyRelu(0.1).apply(x)));
            assertThat(Double.doubleToLongBits(Fn.TANH_DERIVATIVE.apply(x, 0)))
                    .isEqualTo(Double.doubleToLongBits(UnaryOp.TANH_DERIVATIVE.apply(x)));
        }
    }
}
