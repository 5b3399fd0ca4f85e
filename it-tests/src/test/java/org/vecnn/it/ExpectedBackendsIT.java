package org.vecnn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.tck.Environment;

/**
 * Every backend this build puts on the class path (the {@code vecnn.expectedBackends} property of the pom)
 * is found and available: a backend that silently drops out would otherwise make the suite pass on less.
 */
class ExpectedBackendsIT {

    static List<String> expected() {
        String names = System.getProperty("vecnn.expectedBackends", "");
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    @Test
    void everyExpectedBackendIsAvailable() {
        List<String> expected = expected();
        assertThat(expected).as("vecnn.expectedBackends must name the backends of this build").isNotEmpty();
        List<BackendStatus> report = Backends.report();
        for (String name : expected) {
            if (name.equals("aparapi")) {
                BackendStatus aparapi = report.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
                Environment.require(aparapi == null || aparapi.available() ? null : "aparapi needs an OpenCL driver "
                        + "(Debian: ocl-icd-libopencl1 and pocl-opencl-icd, or a GPU vendor's ICD): " + aparapi.detail());
            }
            assertThat(report).as("backend report " + report)
                    .anySatisfy(status -> {
                        assertThat(status.name()).isEqualTo(name);
                        assertThat(status.available()).as(name + ": " + status.detail()).isTrue();
                    });
            assertThat(Backends.get(name).name()).isEqualTo(name);
        }
    }
}
