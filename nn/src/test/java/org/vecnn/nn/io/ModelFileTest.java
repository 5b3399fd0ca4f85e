package org.vecnn.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.vecnn.nn.Dataset;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Digits;
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
        ByteBuffer.wrap(version).putInt(8, 3);
        Path bad = dir.resolve("bad.vecnn");
        Files.write(bad, version);
        assertThatThrownBy(() -> Mlp.load(bad, loops)).isInstanceOf(ModelFileException.class)
                .hasMessageEndingWith("unsupported model file version 3; this vecnn reads versions 1 and 2");
        Files.writeString(bad, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> Mlp.load(bad, loops)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not a vecnn model file");
    }

    @Test
    void nonFiniteParametersAreRefusedOnLoadNamingTheLayerAndIndexEvenWithAValidChecksum() throws IOException {
        for (DType dtype : DType.values()) {
            Mlp net = Mlp.builder().input(3).dense(4, Activation.RELU).dense(2, Activation.SOFTMAX)
                    .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).seed(5).dtype(dtype).build(loops);
            Path file = dir.resolve("model-" + dtype + ".vecnn");
            net.save(file);
            byte[] bytes = Files.readAllBytes(file);
            int width = dtype.byteSize();
            int parameters = 8 + 4 + 3 + 40 + 8 + 4 + 4 + 2 * 13;
            // layer 2's weights start after layer 1's 3 x 4 weights and 4 biases; [1, 0] is its index 2
            int[] positions = {parameters + (12 + 4 + 2) * width, parameters + 5 * width};
            String[] expected = {"layer 2 of 2, dense(2, softmax): weight [1, 0] (index 2 of 8) is NaN",
                "layer 1 of 2, dense(4, relu): weight [1, 1] (index 5 of 12) is Infinity"};
            for (int k = 0; k < positions.length; k++) {
                byte[] bad = bytes.clone();
                ByteBuffer buffer = ByteBuffer.wrap(bad);
                double value = k == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
                if (dtype == DType.FLOAT64) {
                    buffer.putDouble(positions[k], value);
                } else {
                    buffer.putFloat(positions[k], (float) value);
                }
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(bad, 0, bad.length - 4);
                buffer.putInt(bad.length - 4, (int) crc.getValue());
                Path nan = dir.resolve("nan.vecnn");
                Files.write(nan, bad);
                assertThatThrownBy(() -> Mlp.load(nan, loops)).as("%s %d", dtype, k)
                        .isInstanceOf(ModelFileException.class).hasMessageContaining(nan + ": corrupted: " + expected[k])
                        .hasMessageContaining("predicts NaN");
            }
        }
    }

    @Test
    void nonFiniteParametersAreRefusedOnSaveAndNothingIsWritten() {
        Mlp net = Mlp.builder().input(2).dense(3, Activation.TANH).dense(1, Activation.IDENTITY).loss(Loss.MSE)
                .optimizer(Optimizer.sgd(0.1)).seed(1).build(loops);
        java.util.List<double[]> weights = new java.util.ArrayList<>();
        java.util.List<double[]> biases = new java.util.ArrayList<>();
        for (int layer = 0; layer < 2; layer++) {
            weights.add(net.weights(layer));
            biases.add(net.biases(layer));
        }
        biases.get(1)[0] = Double.NaN;
        Path file = dir.resolve("broken.vecnn");
        assertThatThrownBy(() -> ModelFile.write(file, net, weights, biases)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file + ": cannot save the model: layer 2 of 2, dense(1, identity): bias 0 of 1 is NaN")
                .hasMessageContaining("nothing was written");
        assertThat(file).doesNotExist();
        // a float64 value beyond the float32 range is infinite in a float32 file
        weights.get(0)[4] = 1e300;
        biases.get(1)[0] = 0;
        assertThatThrownBy(() -> ModelFile.write(file, net, weights, biases))
                .hasMessageContaining("weight [1, 1] (index 4 of 6) is Infinity");
    }
}
