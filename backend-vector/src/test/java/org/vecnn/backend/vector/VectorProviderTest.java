package org.vecnn.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.Backend;
import org.vecnn.spi.Kernels;

/** The provider with and without the incubator module; the backend's capabilities name its species. */
class VectorProviderTest {

    @Test
    void isAvailableAndTheDefaultWhenTheJvmHasTheModule() {
        assertThat(new VectorProvider().probe().isAvailable()).isTrue();
        Backend backend = Backends.get();
        assertThat(backend.name()).isEqualTo("vector");
        System.out.println("[vecnn vector] " + backend.capabilities().device());
        assertThat(backend.capabilities().device()).contains("-bit vectors", "float32 micro-kernel", "float64");
        // NumPy's surface primitives (maximum, comparisons, where, min, prod, argmin) run on the reference
        // implementations for now; every primitive a network uses is the backend's own.
        java.util.Set<String> own = new java.util.TreeSet<>(Kernels.primitives());
        own.removeAll(java.util.List.of("binaryFunction", "where", "min", "prod", "argmin"));
        assertThat(backend.capabilities().accelerated()).containsAll(own);
    }

    /** A JVM without the flag: reported unavailable with the exact flag, and the loops backend still works. */
    @Test
    void aJvmWithoutTheModuleReportsTheFlagToAdd() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WithoutModule.class.getName()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("vector available=false").contains(VectorProvider.FLAG)
                .doesNotContain("Using incubator modules");
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** Run in a child JVM started without {@code --add-modules jdk.incubator.vector}. */
    static final class WithoutModule {
        public static void main(String[] args) {
            List<BackendStatus> report = Backends.report();
            for (BackendStatus status : report) {
                System.out.println(status.name() + " available=" + status.available() + " " + status.detail());
            }
        }
    }
}
