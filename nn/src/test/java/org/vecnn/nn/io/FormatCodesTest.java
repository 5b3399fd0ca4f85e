package org.vecnn.nn.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Optimizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vecnn.DType;

/** Model files store explicit codes: those of file version 1, distinct, and decoded whatever the enum order. */
class FormatCodesTest {
    @Test
    void codesAreFileVersionOnesAndDistinct() {
        assertThat(Arrays.stream(DType.values()).mapToInt(FormatCodes::of)).containsExactly(0, 1);
        assertThat(Arrays.stream(Loss.values()).mapToInt(FormatCodes::of)).doesNotHaveDuplicates().hasSize(3);
        assertThat(FormatCodes.of(Loss.CROSS_ENTROPY)).isEqualTo(1);
        assertThat(Arrays.stream(Optimizer.Kind.values()).mapToInt(FormatCodes::of)).doesNotHaveDuplicates();
        assertThat(FormatCodes.of(Optimizer.Kind.ADAM)).isEqualTo(2);
        assertThat(Arrays.stream(Activation.Kind.values()).mapToInt(FormatCodes::of)).doesNotHaveDuplicates();
        assertThat(FormatCodes.of(Activation.Kind.SOFTMAX)).isEqualTo(5);
        assertThat(FormatCodes.decode(3, Activation.Kind.values(), FormatCodes::of)).isEqualTo(Activation.Kind.SIGMOID);
        assertThat(FormatCodes.decode(9, Activation.Kind.values(), FormatCodes::of)).isNull();
    }
}
