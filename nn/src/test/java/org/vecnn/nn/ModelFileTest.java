package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.Backend;

class ModelFileTest {
    private final Backend loops = Backends.get("loops");
    @TempDir
    Path dir;

    private Mlp trained(DType dtype) {
        Dataset data = Digits.generate(120, 3);
        Mlp net = Mlp.builder().input(784).dense(12, Activation.leakyRelu(0.2)).dense(7, Activation.TANH)
                .dense(10, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY)
                .optimizer(Optimizer.adam(0.01, 0.85, 0.99, 1e-7).withWeightDecay(1e-4)).seed(77).dtype(dtype)
                .build(loops);
        net.fit(data, Fit.epochs(2).batchSize(40).shuffle(1));
        return net;
    }

    @Test
    void roundTripReproducesPredictionsBitForBit() throws IOException {
        for (DType dtype : DType.values()) {
            Mlp net = trained(dtype);
            Path file = dir.resolve("model-" + dtype + ".vecnn");
            net.save(file);
            Mlp loaded = Mlp.load(file, loops);
            assertThat(loaded.toString()).isEqualTo(net.toString());
            assertThat(loaded.activation(0)).isEqualTo(Activation.leakyRelu(0.2));
            assertThat(loaded.seed()).isEqualTo(77);
            assertThat(loaded.optimizer().toString()).isEqualTo(net.optimizer().toString());
            for (int layer = 0; layer < 3; layer++) {
                assertThat(loaded.weights(layer)).containsExactly(net.weights(layer));
                assertThat(loaded.biases(layer)).containsExactly(net.biases(layer));
            }
            Tensor x = Digits.generate(50, 9).features(loops, dtype);
            assertThat(loaded.predict(x).toDoubleArray()).containsExactly(net.predict(x).toDoubleArray());
            long size = Files.size(file);
            long parameters = (784 + 1) * 12 + (12 + 1) * 7 + (7 + 1) * 10;
            assertThat(size).isEqualTo(8 + 4 + 3 + 40 + 8 + 4 + 4 + 3 * 13 + parameters * dtype.byteSize() + 4);
        }
    }

    @Test
    void savingReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.vecnn");
        Files.writeString(file, "old content");
        trained(DType.FLOAT32).save(file);
        assertThat(Mlp.load(file, loops).layerCount()).isEqualTo(3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.vecnn");
        }
    }

    @Test
    void truncatedFilesAreRefusedAtEveryLength() throws IOException {
        Path file = dir.resolve("model.vecnn");
        Mlp.builder().input(3).dense(2, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(0.5)).build(loops).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.vecnn");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> Mlp.load(cut, loops)).as("length %d", length)
                    .isInstanceOf(ModelFileException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void corruptedFilesAreRefused() throws IOException {
        Path file = dir.resolve("model.vecnn");
        trained(DType.FLOAT32).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path bad = dir.resolve("bad.vecnn");
        for (int position : new int[] {12, 20, 70, bytes.length / 2, bytes.length - 5, bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[position] ^= 0x10;
            Files.write(bad, flipped);
            assertThatThrownBy(() -> Mlp.load(bad, loops)).as("flipped byte %d", position)
                    .isInstanceOf(ModelFileException.class).hasMessageContaining("corrupted");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        Files.write(bad, longer);
        assertThatThrownBy(() -> Mlp.load(bad, loops)).hasMessageContaining("3 bytes more than");
    }

    @Test
    void wrongMagicOrVersionIsRefused() throws IOException {
        Path file = dir.resolve("model.vecnn");
        trained(DType.FLOAT64).save(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] version = bytes.clone();
        ByteBuffer.wrap(version).putInt(8, 2);
        Path bad = dir.resolve("bad.vecnn");
        Files.write(bad, version);
        assertThatThrownBy(() -> Mlp.load(bad, loops)).isInstanceOf(ModelFileException.class)
                .hasMessageEndingWith("unsupported model file version 2; this vecnn reads version 1");
        Files.writeString(bad, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> Mlp.load(bad, loops)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not a vecnn model file");
    }
}
