package org.vecnn.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.spi.Availability;

class Nd4jProviderTest {

    @Test
    void constructingAndDescribingLoadsNothing() {
        AtomicInteger loads = new AtomicInteger();
        Nd4jProvider provider = new Nd4jProvider(() -> {
            loads.incrementAndGet();
            return "loaded";
        });
        assertThat(provider.name()).isEqualTo("nd4j");
        assertThat(provider.priority()).isEqualTo(30);
        assertThat(loads).hasValue(0);
        assertThat(provider.probe().isAvailable()).isTrue();
        provider.probe();
        assertThat(loads).as("natives are loaded once").hasValue(1);
    }

    @Test
    void aMissingNativeLibraryMakesTheBackendUnavailableWithTheCause() {
        Nd4jProvider provider = new Nd4jProvider(() -> {
            throw new ExceptionInInitializerError(new UnsatisfiedLinkError(
                    "no jnind4jcpu in java.library.path: /usr/lib"));
        });
        Availability availability = provider.probe();
        assertThat(availability.isAvailable()).isFalse();
        assertThat(availability.detail()).contains("ExceptionInInitializerError", "UnsatisfiedLinkError",
                "no jnind4jcpu in java.library.path");
        assertThatThrownBy(provider::create).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no jnind4jcpu");
    }

    @Test
    void anyThrowableFromTheLoaderIsReportedNeverThrown() {
        Nd4jProvider provider = new Nd4jProvider(() -> {
            throw new UnsupportedOperationException("linux-x86_64 only; this JVM runs on Mac OS X aarch64");
        });
        assertThat(provider.probe().detail()).contains("linux-x86_64 only");
        Nd4jProvider crashing = new Nd4jProvider(() -> {
            throw new NoClassDefFoundError("Could not initialize class org.nd4j.nativeblas.NativeOpsHolder");
        });
        assertThat(crashing.probe().isAvailable()).isFalse();
        assertThat(crashing.probe().detail()).contains("NativeOpsHolder");
    }

    @Test
    void theRealProviderLoadsNd4jHereAndOutranksEjmlAndLoops() {
        BackendStatus status = Backends.report().stream().filter(s -> s.name().equals("nd4j")).findFirst().orElseThrow();
        assertThat(status.available()).as(status.detail()).isTrue();
        assertThat(status.detail()).contains("ND4J 1.0.0-M2.1", "OPENBLAS", "BLAS threads");
        assertThat(status.priority()).isGreaterThan(20);
        assertThat(Backends.get().name()).isEqualTo("nd4j");
    }
}
