package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.vecnn.spi.BackendProvider;
import org.vecnn.spi.Kernels;

class BackendsTest {

    @Test
    void serviceLoaderFailuresNeverHideWorkingProviders() {
        assertThat(Backends.get().name()).isEqualTo("good");
        assertThat(Backends.get("good")).isSameAs(Backends.get());
        List<BackendStatus> report = Backends.report();
        assertThat(report).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("throwing-probe");
            assertThat(s.available()).isFalse();
            assertThat(s.detail()).contains("probe failed").contains("libfake");
        });
        assertThat(report).filteredOn(s -> !s.available() && s.detail().contains("constructor failed")).hasSize(1);
        assertThat(report).filteredOn(s -> s.detail().contains("DoesNotExistProvider")).hasSize(1);
        assertThat(report).filteredOn(BackendStatus::available).extracting(BackendStatus::name).containsExactly("good");
    }

    @Test
    void namesAnUnavailableOrUnknownBackendClearly() {
        assertThatThrownBy(() -> Backends.get("throwing-probe")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("libfake");
        assertThatThrownBy(() -> Backends.get("nd5j")).isInstanceOf(UnknownBackendException.class)
                .hasMessageContaining("nd5j").hasMessageContaining("good").hasMessageContaining("throwing-probe");
        assertThatThrownBy(() -> Backends.get(" ")).isInstanceOf(UnknownBackendException.class);
    }

    @Test
    void systemPropertyOverridesTheDefault() {
        System.setProperty(Backends.PROPERTY, "throwing-probe");
        try {
            assertThatThrownBy(Backends::get).isInstanceOf(BackendUnavailableException.class);
            System.setProperty(Backends.PROPERTY, "good");
            assertThat(Backends.get().name()).isEqualTo("good");
        } finally {
            System.clearProperty(Backends.PROPERTY);
        }
    }

    @Test
    void picksTheAvailableProviderOfHighestPriority() {
        BackendRegistry registry = registry(
                () -> new TestBackends.Fixed("low", 1, true),
                () -> new TestBackends.Fixed("high-but-unavailable", 50, false),
                () -> new TestBackends.Fixed("high", 10, true),
                () -> {
                    throw new NoClassDefFoundError("org/nd4j/linalg/factory/Nd4j");
                });
        assertThat(registry.get(null).name()).isEqualTo("high");
        assertThat(registry.get("low").name()).isEqualTo("low");
        assertThat(registry.report()).extracting(BackendStatus::name)
                .containsExactly("high-but-unavailable", "high", "low", "(provider failed to load)");
        assertThat(registry.report().get(3).detail()).contains("Nd4j");
    }

    @Test
    void failsClearlyWhenNothingIsAvailable() {
        assertThatThrownBy(() -> registry().get(null)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("vecnn-backend-loops");
        assertThatThrownBy(() -> registry(() -> new TestBackends.Fixed("off", 1, false)).get(""))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("no such device here");
    }

    @Test
    void providerThatFailsToCreateIsReportedWithItsCause() {
        BackendRegistry registry = registry(() -> new TestBackends.Fixed("fragile", 1, true) {
            @Override
            public Kernels create() {
                throw new UnsatisfiedLinkError("libopenblas.so: cannot open shared object file");
            }
        });
        assertThatThrownBy(() -> registry.get("fragile")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("libopenblas").hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void saysOnceWhyABackendOfHigherPriorityThanTheDefaultWasPassedOver() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(Backends.class.getName());
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                messages.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            BackendRegistry registry = registry(
                    () -> new TestBackends.Fixed("low", 1, true),
                    () -> new TestBackends.Fixed("vectorish", 40, false));
            assertThat(registry.get(null).name()).isEqualTo("low");
            assertThat(registry.get(null).name()).isEqualTo("low");
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0)).startsWith("vecnn: backend 'vectorish' (priority 40) is on the class path but "
                    + "cannot run here: ").endsWith("; the default backend is 'low'");
            messages.clear();
            assertThat(registry(() -> new TestBackends.Fixed("only", 1, true)).get(null).name()).isEqualTo("only");
            assertThat(messages).as("nothing passed over, nothing said").isEmpty();
        } finally {
            jul.removeHandler(handler);
        }
    }

    @SafeVarargs
    private static BackendRegistry registry(Supplier<BackendProvider>... providers) {
        return BackendRegistry.of(List.of(providers));
    }
}
