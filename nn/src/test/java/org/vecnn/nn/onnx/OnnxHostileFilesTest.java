package org.vecnn.nn.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.io.ModelFileException;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.onnx.proto.OnnxProto.GraphProto;
import org.vecnn.nn.onnx.proto.OnnxProto.ModelProto;
import org.vecnn.nn.onnx.proto.OnnxProto.NodeProto;
import org.vecnn.nn.onnx.proto.OnnxProto.StringStringEntryProto;
import org.vecnn.nn.onnx.proto.OnnxProto.TensorProto;

/** Files that are not importable end in a ModelFileException that says why, before anything large is allocated. */
class OnnxHostileFilesTest {
    @TempDir
    Path dir;

    private final Backend loops = Backends.get("loops");
    private ModelProto valid;

    @BeforeEach
    void export() throws Exception {
        Mlp mlp = Mlp.builder().input(6).dense(5, Activation.RELU).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).build(loops);
        Path file = dir.resolve("valid.onnx");
        mlp.saveOnnx(file);
        valid = ModelProto.parseFrom(Files.readAllBytes(file));
    }

    private Path write(ModelProto model) throws Exception {
        Path file = dir.resolve("hostile.onnx");
        Files.write(file, model.toByteArray());
        return file;
    }

    private Path withGraph(UnaryOperator<GraphProto.Builder> change) throws Exception {
        return write(valid.toBuilder().setGraph(change.apply(valid.getGraph().toBuilder())).build());
    }

    private void rejects(Path file, String... fragments) {
        assertThatThrownBy(() -> Mlp.loadOnnx(file, loops)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContainingAll(fragments);
    }

    /**
     * Protobuf cannot see a cut at a field boundary: a file cut after its opset import, in the trailing metadata,
     * parses. Every shorter cut is an error; a cut there loads the same network (only the loss hint is lost).
     */
    @Test
    void everyTruncationIsAnErrorOrLosesOnlyTheTrailingMetadata() throws Exception {
        byte[] bytes = valid.toByteArray();
        int withoutMetadata = valid.toBuilder().clearMetadataProps().build().toByteArray().length;
        double[] parameters = Mlp.loadOnnx(write(valid), loops).parameterValues();
        Path file = dir.resolve("truncated.onnx");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(file, Arrays.copyOf(bytes, length));
            if (length < withoutMetadata) {
                assertThatThrownBy(() -> Mlp.loadOnnx(file, loops)).as("truncated to %d bytes", length)
                        .isInstanceOf(ModelFileException.class);
            } else {
                try {
                    assertThat(Mlp.loadOnnx(file, loops).parameterValues()).containsExactly(parameters);
                } catch (ModelFileException expected) {
                    assertThat(expected).hasMessageContaining("not an ONNX model, or truncated");
                }
            }
        }
    }

    @Test
    void aDimensionOf2To40InAWeightIsRefusedBeforeAllocating() throws Exception {
        Path file = withGraph(g -> g.setInitializer(0, g.getInitializer(0).toBuilder().setDims(0, 1L << 40)));
        rejects(file, "dense_1.weight", "1099511627776", "more than");
    }

    @Test
    void aDimensionOf2To40InTheInputIsRefused() throws Exception {
        Path file = withGraph(g -> g.setInput(0, g.getInput(0).toBuilder().setType(g.getInput(0).getType().toBuilder()
                .setTensorType(g.getInput(0).getType().getTensorType().toBuilder().setShape(
                        g.getInput(0).getType().getTensorType().getShape().toBuilder().setDim(1,
                                g.getInput(0).getType().getTensorType().getShape().getDim(1).toBuilder()
                                        .setDimValue(1L << 40)))))));
        rejects(file, "graph input", "features");
    }

    @Test
    void externalDataIsRefusedNamingTheFile() throws Exception {
        Path file = withGraph(g -> g.setInitializer(0, g.getInitializer(0).toBuilder().clearRawData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))));
        rejects(file, "external file", "weights.bin", "dense_1.weight");
    }

    @Test
    void aCycleIsRefused() throws Exception {
        // The first Gemm reads the Relu's output, which reads the Gemm's.
        Path file = withGraph(g -> g.setNode(0, g.getNode(0).toBuilder().setInput(0, "dense_1.a")));
        rejects(file, "cycle", "Gemm 'dense_1/Gemm'");
    }

    @Test
    void aWeightWhoseSizeDisagreesWithItsShapeIsRefused() throws Exception {
        TensorProto weight = valid.getGraph().getInitializer(0);
        Path file = withGraph(g -> g.setInitializer(0, weight.toBuilder()
                .setRawData(weight.getRawData().substring(0, weight.getRawData().size() - 4))));
        rejects(file, "dense_1.weight", "[6, 5]", "needs 30 values (120 bytes)", "116 bytes");
        Path floats = withGraph(g -> g.setInitializer(0, weight.toBuilder().clearRawData().addFloatData(1f)));
        rejects(floats, "needs 30 values but its float_data has 1");
    }

    @Test
    void anUnsupportedNodeIsNamedWithItsIndexAndWhatIsSupported() throws Exception {
        Path file = withGraph(g -> g.setNode(1, NodeProto.newBuilder().setOpType("Conv").setName("conv")
                .addInput("dense_1.z").addOutput("dense_1.a")));
        rejects(file, "node 1 (Conv 'conv')", "op type 'Conv' is not supported", "Gemm, MatMul, Add, Relu");
    }

    @Test
    void aValueProducedTwiceIsRefused() throws Exception {
        Path file = withGraph(g -> g.setNode(2, g.getNode(2).toBuilder().setOutput(0, "dense_1.a")));
        rejects(file, "produced by two nodes");
    }

    @Test
    void notAnOnnxFileIsRefused() throws Exception {
        Path file = dir.resolve("text.onnx");
        Files.writeString(file, "this is not a protobuf message at all, just text\n");
        rejects(file, "not an ONNX model");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("huge.onnx");
        long size = Math.min(Integer.MAX_VALUE - 8L, Runtime.getRuntime().maxMemory() / 8) + 1;
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);
        }
        rejects(file, size + " bytes is larger than");
    }

    @Test
    void aMissingFileAndADirectoryAreNamed() {
        rejects(dir.resolve("missing.onnx"), "no such file");
        rejects(dir, "a directory");
    }

    @Test
    void aFloat16ModelNamesItsType() throws Exception {
        Path file = withGraph(g -> g.setInput(0, g.getInput(0).toBuilder().setType(g.getInput(0).getType().toBuilder()
                .setTensorType(g.getInput(0).getType().getTensorType().toBuilder().setElemType(
                        TensorProto.DataType.FLOAT16_VALUE)))));
        rejects(file, "FLOAT16");
    }

    @Test
    void aBiasWithTheWrongLengthIsRefused() throws Exception {
        Path file = withGraph(g -> g.setInitializer(1, OnnxTensors.encode("dense_1.bias", org.vecnn.DType.FLOAT32,
                new double[4], 4)));
        rejects(file, "bias 'dense_1.bias'", "[4]", "5 units");
    }

    @Test
    void theValidModelLoads() throws Exception {
        assertThat(Mlp.loadOnnx(write(valid), loops).units(0)).isEqualTo(5);
        assertThat(ByteString.copyFrom(valid.toByteArray()).size()).isPositive();
    }
}
