package org.vecnn.backend.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import org.vecnn.spi.UnaryOp;

class OpsTest {

    /** The kernels receive UnaryOp.Kind ordinals; Ops names each function's code after its kind. */
    @Test
    void functionCodesAreTheUnaryOpOrdinals() throws Exception {
        for (UnaryOp.Kind kind : UnaryOp.Kind.values()) {
            Field code = Ops.class.getDeclaredField(kind.name());
            assertThat(code.getInt(null)).as(kind.name()).isEqualTo(kind.ordinal());
        }
    }
}
