package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.vecnn.spi.ForwardingKernels;
import org.vecnn.spi.Kernels;

class ForwardingKernelsTest {
    /** A decorator that notes each call's frame. */
    private static final class Noting extends ForwardingKernels {
        final List<String> events = new ArrayList<>();

        Noting(Kernels delegate) {
            super(delegate);
        }

        @Override
        protected long before(String primitive) {
            events.add("before " + primitive);
            return events.size();
        }

        @Override
        protected void after(String primitive, long token, Supplier<String> shape) {
            events.add("after " + primitive + " " + shape.get() + " token " + token);
        }
    }

    @Test
    void everyOverridableMethodOfKernelsIsForwarded() throws NoSuchMethodException {
        for (Method m : Kernels.class.getDeclaredMethods()) {
            int mods = m.getModifiers();
            if (Modifier.isPublic(mods) && !Modifier.isStatic(mods) && !Modifier.isFinal(mods)) {
                Method forwarded = ForwardingKernels.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
                assertThat(forwarded.getDeclaringClass()).as(m.getName()).isEqualTo(ForwardingKernels.class);
            }
        }
    }

    @Test
    void callsReachTheDelegateFramedByTheHooks() {
        TestBackends.Counting inner = new TestBackends.Counting();
        Noting noting = new Noting(inner);
        Backend b = Backend.of("noting", noting);
        Tensor x = b.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = b.fromArray(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertThat(x.matmul(w).toFloatArray()).containsExactly(4, 5, 10, 11);
        assertThat(inner.kernelCalls.get()).isPositive();
        assertThat(inner.allocations.get()).isEqualTo(3);
        assertThat(noting.events).hasSize(2);
        String primitive = noting.events.get(0).substring("before ".length());
        assertThat(noting.events.get(1)).isEqualTo("after " + primitive + " 2x3x2 token 1");
        assertThat(noting.device()).isEqualTo(inner.device());
        assertThat(noting.overridden()).isEqualTo(inner.overridden());
    }

    @Test
    void aDecoratorReportsWhatItsBackendAcceleratesPlusWhatItOverridesItself() {
        TestBackends.Counting inner = new TestBackends.Counting();
        assertThat(inner.overridden()).isNotEqualTo(Kernels.primitives()).doesNotContain("softmaxCrossEntropy");
        ForwardingKernels timing = new Noting(inner);
        assertThat(timing.overridden()).isEqualTo(inner.overridden());
        assertThat(Backend.of("noting", timing).capabilities().accelerated()).isEqualTo(inner.overridden());

        ForwardingKernels ownSoftmax = new ForwardingKernels(inner) {
            @Override
            public double softmaxCrossEntropy(int rows, int columns, org.vecnn.spi.Storage logits,
                    org.vecnn.spi.Storage targets, org.vecnn.spi.Storage probabilities, org.vecnn.spi.Storage gradient) {
                return super.softmaxCrossEntropy(rows, columns, logits, targets, probabilities, gradient);
            }
        };
        assertThat(ownSoftmax.overridden()).containsAll(inner.overridden()).contains("softmaxCrossEntropy")
                .hasSize(inner.overridden().size() + 1);
        assertThat(new Noting(ownSoftmax).overridden()).isEqualTo(ownSoftmax.overridden());
    }
}
