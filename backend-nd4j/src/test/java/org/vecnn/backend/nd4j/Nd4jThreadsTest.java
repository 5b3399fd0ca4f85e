package org.vecnn.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;

class Nd4jThreadsTest {

    @Test
    void smallProductsRunOnOneThreadLargeOnesOnAll() {
        Nd4jThreads threads = new Nd4jThreads(4, 192L * 192 * 192);
        assertThat(threads.forProduct(64, 64, 64)).isEqualTo(1);
        assertThat(threads.forProduct(128, 784, 256)).isEqualTo(4);
        assertThat(threads.forProduct(1024, 1024, 1024)).isEqualTo(4);
        assertThat(threads.forProduct(1, 1_000_000, 1)).isEqualTo(1);
    }

    @Test
    void systemPropertiesOverrideTheDefaults() {
        System.setProperty(Nd4jThreads.THREADS_PROPERTY, "3");
        System.setProperty(Nd4jThreads.WORK_PROPERTY, "0");
        try {
            Nd4jThreads threads = Nd4jThreads.fromSystemProperties();
            assertThat(threads.maxThreads()).isEqualTo(3);
            assertThat(threads.forProduct(1, 1, 1)).isEqualTo(3);
        } finally {
            System.clearProperty(Nd4jThreads.THREADS_PROPERTY);
            System.clearProperty(Nd4jThreads.WORK_PROPERTY);
        }
        assertThat(Nd4jThreads.fromSystemProperties().maxThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Nd4jThreads.fromSystemProperties().parallelWork()).isEqualTo(Nd4jThreads.DEFAULT_PARALLEL_WORK);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Nd4jThreads(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nd4jThreads(2, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nd4jThreads(2, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        System.setProperty(Nd4jThreads.ND4J_THREADS_PROPERTY, "many");
        try {
            assertThatThrownBy(Nd4jThreads::fromSystemProperties).hasMessageContaining(Nd4jThreads.ND4J_THREADS_PROPERTY);
        } finally {
            System.clearProperty(Nd4jThreads.ND4J_THREADS_PROPERTY);
        }
    }

    @Test
    void nd4jsOwnOperationsGetOneThreadUnlessAPropertySaysOtherwise() {
        Backends.get("nd4j");   // the backend is built from fromSystemProperties()
        assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
        System.setProperty(Nd4jThreads.ND4J_THREADS_PROPERTY, "2");
        try {
            assertThat(Nd4jThreads.fromSystemProperties().nd4jThreads()).isEqualTo(2);
            assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(Math.min(2, Nd4j.getEnvironment().maxThreads()));
        } finally {
            System.clearProperty(Nd4jThreads.ND4J_THREADS_PROPERTY);
            Nd4jThreads.fromSystemProperties();
        }
        assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
    }

    @Test
    void theBackendGivesOpenBlasOneThreadForASmallProductAndAllForALargeOne() {
        Backend nd4j = Backends.get("nd4j");
        Tensor small = nd4j.zeros(Shape.of(8, 8), DType.FLOAT64);
        Tensor large = nd4j.zeros(Shape.of(256, 256), DType.FLOAT64);
        nd4j.matmul(small, small);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
        nd4j.matmul(large, large);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        nd4j.matmul(small, small);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
    }
}
