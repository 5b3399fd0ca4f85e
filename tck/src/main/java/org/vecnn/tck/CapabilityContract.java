package org.vecnn.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vecnn.DType;
import org.vecnn.Capabilities;
import org.vecnn.spi.Kernels;

/**
 * What the backend says of itself holds, and the report shows what it runs natively: an operation or dtype
 * it leaves to the SPI's reference implementation, or does not run, is reported as skipped with the reason,
 * never as passed.
 */
interface CapabilityContract extends TckContext {

    @Test
    default void capabilitiesAreComplete() {
        Capabilities c = backend().capabilities();
        assertThat(c).isNotNull();
        assertThat(c.device()).isNotBlank();
        assertThat(c.dtypes()).isNotEmpty();
        assertThat(c.accelerated()).contains("matmul", "dot", "add", "multiply");
        assertThat(Kernels.primitives()).containsAll(c.accelerated());
        assertThat(backend().name()).isNotBlank();
    }

    @TestFactory
    default Stream<DynamicTest> operationsRunNatively() {
        Capabilities c = backend().capabilities();
        return Kernels.primitives().stream().map(kernel -> dynamicTest(kernel + " runs on the backend's own kernels",
                () -> Assumptions.assumeTrue(c.accelerated().contains(kernel),
                        kernel + " runs on the SPI's reference implementation, not on code of the backend's own")));
    }

    @TestFactory
    default Stream<DynamicTest> dtypesRunNatively() {
        Capabilities c = backend().capabilities();
        return Arrays.stream(DType.values()).map(dtype -> dynamicTest(dtype + " is supported",
                () -> Assumptions.assumeTrue(c.supports(dtype), dtype + " is not supported by " + backend().name())));
    }
}
