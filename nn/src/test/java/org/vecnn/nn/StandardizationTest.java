package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.vecnn.nn.io.ModelFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Tensor;

/** Input standardization: its statistics, a network that applies it everywhere, and its model file. */
class StandardizationTest {
    private final Backend loops = Backends.get("loops");
    @TempDir
    Path dir;

    /** 200 examples of 3 features on very different scales (pixels 0-16, thousands, a constant), 3 classes. */
    private static Dataset data() {
        SplittableRandom random = new SplittableRandom(8);
        double[] x = new double[200 * 3];
        int[] labels = new int[200];
        for (int i = 0; i < 200; i++) {
            x[3 * i] = random.nextInt(17);
            x[3 * i + 1] = 1000 + 500 * random.nextDouble();
            x[3 * i + 2] = 7;
            labels[i] = (x[3 * i] > 8 ? 1 : 0) + (x[3 * i + 1] > 1250 ? 1 : 0);
        }
        return Dataset.classification(x, 3, labels, 3);
    }

    @Test
    void statisticsAreThePopulationMeanAndDeviationAndAConstantFeatureKeepsScaleOne() {
        Dataset data = Dataset.regression(new double[] {1, 10, 3, 10, 5, 10}, 2, new double[] {0, 0, 0}, 1);
        Standardization s = Standardization.of(data);
        assertThat(s.means()).containsExactly(3, 10);
        assertThat(s.scales()).containsExactly(Math.sqrt(8.0 / 3), 1);
        assertThatThrownBy(() -> Standardization.of(new double[] {0, 1}, new double[] {1, 0}))
                .hasMessageContaining("feature 1 (from 0) has mean 1.0 and scale 0.0");
        assertThatThrownBy(() -> Standardization.of(new double[] {0}, new double[] {1, 2}))
                .hasMessageContaining("1 means and 2 scales");
        assertThatThrownBy(() -> Mlp.builder().input(3).standardize(s).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).build(loops))
                .isInstanceOf(InvalidNetworkException.class).hasMessageContaining("2 features but the network 3 inputs");
    }

    @Test
    void aStandardizingNetworkTrainsAndPredictsExactlyAsOneFedStandardizedData() {
        Dataset raw = data();
        Standardization s = Standardization.of(raw);
        double[] x = raw.featureDoubles();
        double[] means = s.means();
        double[] scales = s.scales();
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - means[i % 3]) / scales[i % 3];
        }
        Dataset scaled = Dataset.classification(x, 3, raw.labels(), 3);
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.1), Optimizer.adam(0.01)}) {
            Mlp standardizing = network(optimizer, s);
            Mlp plain = network(optimizer, null);
            TrainingReport a = standardizing.fit(raw, Fit.epochs(3).batchSize(32).shuffle(2).validation(raw));
            TrainingReport b = plain.fit(scaled, Fit.epochs(3).batchSize(32).shuffle(2).validation(scaled));
            assertThat(a.finalLoss()).as(optimizer.toString()).isEqualTo(b.finalLoss());
            assertThat(standardizing.parameterValues()).containsExactly(plain.parameterValues());
            assertThat(standardizing.predict(raw.features(loops, DType.FLOAT64)).toDoubleArray())
                    .containsExactly(plain.predict(scaled.features(loops, DType.FLOAT64)).toDoubleArray());
            assertThat(standardizing.evaluate(raw).loss()).isEqualTo(plain.evaluate(scaled).loss());
            assertThat(standardizing.gradients(raw.slice(0, 10)).values())
                    .containsExactly(plain.gradients(scaled.slice(0, 10)).values());
            assertThat(standardizing.toString()).startsWith("Mlp(3 -> standardize -> dense(8, tanh)");
            assertThat(standardizing.standardization()).contains(s);
            assertThat(plain.standardization()).isEmpty();
        }
    }

    private Mlp network(Optimizer optimizer, Standardization s) {
        MlpBuilder builder = Mlp.builder().input(3);
        if (s != null) {
            builder.standardize(s);
        }
        return builder.dense(8, Activation.TANH).dense(3, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY)
                .optimizer(optimizer).seed(4).dtype(DType.FLOAT64).build(loops);
    }

    @Test
    void theStatisticsAreSavedAsVersionTwoAndAppliedByTheLoadedModel() throws IOException {
        Dataset raw = data();
        for (DType dtype : DType.values()) {
            Mlp net = Mlp.builder().input(3).standardize(Standardization.of(raw)).dense(8, Activation.RELU)
                    .dense(3, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.adam(0.01)).seed(4)
                    .dtype(dtype).build(loops);
            net.fit(raw, Fit.epochs(40).batchSize(20).shuffle(1));
            Path file = dir.resolve("standardized-" + dtype + ".vecnn");
            net.save(file);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(ByteBuffer.wrap(bytes).getInt(8)).isEqualTo(2);
            Mlp loaded = Mlp.load(file, loops);
            assertThat(loaded.standardization()).isEqualTo(net.standardization());
            Tensor x = raw.features(loops, dtype);
            assertThat(loaded.predict(x).toDoubleArray()).containsExactly(net.predict(x).toDoubleArray());
            assertThat(loaded.evaluate(raw).accuracy()).isEqualTo(net.evaluate(raw).accuracy()).isGreaterThan(0.6);
            Path cut = dir.resolve("cut.vecnn");
            for (int length = 0; length < bytes.length; length += 7) {
                Files.write(cut, Arrays.copyOf(bytes, length));
                assertThatThrownBy(() -> Mlp.load(cut, loops)).as("length %d", length)
                        .isInstanceOf(ModelFileException.class).hasMessageContaining("truncated");
            }
        }
        Path plain = dir.resolve("plain.vecnn");
        Mlp.builder().input(3).dense(3, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1))
                .build(loops).save(plain);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(plain)).getInt(8)).as("readable by older vecnn").isEqualTo(1);
    }

    @Test
    void aCorruptedStandardizationIsRefused() throws IOException {
        Dataset raw = data();
        Mlp net = Mlp.builder().input(3).standardize(Standardization.of(raw)).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).build(loops);
        Path file = dir.resolve("m.vecnn");
        net.save(file);
        byte[] bytes = Files.readAllBytes(file);
        int flag = 8 + 4 + 3 + 40 + 8 + 4 + 4 + 13;
        assertThat(bytes[flag]).isEqualTo((byte) 1);
        byte[] bad = bytes.clone();
        ByteBuffer.wrap(bad).putDouble(flag + 1 + 3 * 8 + 8, -2.0); // the second scale
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bad, 0, bad.length - 4);
        ByteBuffer.wrap(bad).putInt(bad.length - 4, (int) crc.getValue());
        Files.write(file, bad);
        assertThatThrownBy(() -> Mlp.load(file, loops)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("corrupted: standardization: feature 1 (from 0) has mean")
                .hasMessageContaining("scale -2.0");
    }
}
