package org.vecnn.backend.aparapi;

import org.vecnn.tck.Environment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * Device choices that must not leak into the other tests (Aparapi keeps device preferences per kernel class,
 * and the provider chooses once per JVM), each in a child JVM that prints the backend report and a product.
 */
class SeparateJvmTest {

    /** With an OpenCL loader but no driver the backend is unavailable with the reason, never run in Java threads. */
    @Test
    void noDriverMeansUnavailableNeverJavaThreads() throws Exception {
        Path noVendors = Files.createTempDirectory("no-opencl-vendors");
        try {
            String output = run(Map.of("OCL_ICD_VENDORS", noVendors.toString()));
            Environment.require(output.contains("native library did not load")
                    ? "the OpenCL ICD loader (Debian: ocl-icd-libopencl1), to test it without a driver" : null);
            assertThat(output).contains("aparapi unavailable: no OpenCL device").doesNotContain("product");
        } finally {
            Files.delete(noVendors);
        }
    }

    /** Java threads only when asked for, and then the report and the capabilities say so. */
    @Test
    void javaThreadsWhenAskedForAndSaidSo() throws Exception {
        String output = run(Map.of(), "-D" + DeviceChoice.PROPERTY + "=jtp");
        assertThat(output).contains("aparapi available: Java threads (Aparapi JTP, no OpenCL: requested by -Dvecnn.aparapi.device=jtp)")
                .contains("capabilities device=Java threads").contains("product [14.0, 32.0, 32.0, 77.0]");
    }

    private static String run(Map<String, String> environment, String... jvmFlags) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
        child.environment().putAll(environment);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    /** The child: the aparapi line of the report, then, if available, its capabilities and a small product. */
    static final class Child {
        public static void main(String[] args) {
            for (BackendStatus status : Backends.report()) {
                if (status.name().equals("aparapi")) {
                    System.out.println("aparapi " + (status.available() ? "available: " : "unavailable: ") + status.detail());
                    if (status.available()) {
                        Backend b = Backends.get("aparapi");
                        System.out.println("capabilities " + b.capabilities());
                        Tensor a = b.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
                        System.out.println("product " + Arrays.toString(b.matmul(a, b.transpose(a)).toFloatArray()));
                    }
                }
            }
        }
    }
}
