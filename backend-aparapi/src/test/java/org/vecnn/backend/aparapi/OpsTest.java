package org.vecnn.backend.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import org.vecnn.UnaryOp;

class OpsTest {

    /** Every function has its own code, named after its kind: never an ordinal, never shared. */
    @Test
    void functionCodesAreDistinctAndNamedAfterTheirKind() throws Exception {
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        for (UnaryOp.Kind kind : UnaryOp.Kind.values()) {
            Field code = Ops.class.getDeclaredField(kind.name());
            assertThat(Ops.function(kind)).as(kind.name()).isEqualTo(code.getInt(null));
            assertThat(codes.add(Ops.function(kind))).as(kind.name() + " has a code of its own").isTrue();
        }
    }
}
