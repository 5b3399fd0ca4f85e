package org.vecnn.nn.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;

/**
 * Models written by PyTorch's exporter and in the graph forms skl2onnx and tf2onnx write (made by
 * src/test/python/make_onnx_fixtures.py) load in vecnn and predict what ONNX Runtime predicted for the same inputs,
 * within the tolerance of {@link OnnxExportTest}.
 */
class OnnxFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/onnx");

    /** The inputs and ONNX Runtime's outputs stored beside a fixture. */
    record Expected(long[] inputShape, double[] inputs, long[] outputShape, double[] outputs) {
        static Expected read(String name) throws IOException {
            List<String> lines = Files.readAllLines(FIXTURES.resolve(name + ".expected.txt")).stream()
                    .filter(l -> !l.startsWith("#")).toList();
            return new Expected(longs(lines.get(0)), doubles(lines.get(1)), longs(lines.get(2)), doubles(lines.get(3)));
        }

        int rows() {
            return (int) inputShape[0];
        }

        int features() {
            return (int) (Arrays.stream(inputShape).reduce(1, (a, b) -> a * b) / inputShape[0]);
        }
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("torch_relu_softmax", DType.FLOAT32, List.of("relu", "tanh", "softmax"), Loss.CROSS_ENTROPY),
                Arguments.of("torch_dynamo_relu_softmax", DType.FLOAT32, List.of("relu", "softmax"), Loss.CROSS_ENTROPY),
                Arguments.of("torch_float64_tanh_sigmoid", DType.FLOAT64, List.of("tanh", "sigmoid"),
                        Loss.BINARY_CROSS_ENTROPY),
                Arguments.of("torch_leaky_identity_output", DType.FLOAT32, List.of("leaky_relu(0.2)", "identity"),
                        Loss.MSE),
                Arguments.of("sklearn_classifier", DType.FLOAT32, List.of("relu", "softmax"), Loss.CROSS_ENTROPY),
                Arguments.of("sklearn_regressor_float64", DType.FLOAT64, List.of("tanh", "identity"), Loss.MSE),
                Arguments.of("keras_form", DType.FLOAT32, List.of("sigmoid", "softmax"), Loss.CROSS_ENTROPY));
    }

    @ParameterizedTest(name = "{0} on {4}")
    @MethodSource("fixturesOnBackends")
    void predictsWhatOnnxRuntimePredicted(String name, DType dtype, List<String> activations, Loss loss,
            String backendName) throws Exception {
        Backend backend = Backends.get(backendName);
        Mlp mlp = Mlp.loadOnnx(FIXTURES.resolve(name + ".onnx"), backend);
        assertThat(mlp.dtype()).isEqualTo(dtype);
        assertThat(mlp.loss()).isEqualTo(loss);
        assertThat(Stream.iterate(0, i -> i + 1).limit(mlp.layerCount()).map(i -> mlp.activation(i).toString()))
                .containsExactlyElementsOf(activations);
        Expected expected = Expected.read(name);
        assertThat(mlp.inputSize()).isEqualTo(expected.features());
        Tensor x = dtype == DType.FLOAT64 ? backend.fromArray(expected.inputs(), expected.rows(), expected.features())
                : backend.fromArray(OnnxExportTest.floats(expected.inputs()), expected.rows(), expected.features());
        OnnxExportTest.assertClose(mlp.predict(x).toDoubleArray(), expected.outputs(), dtype);
    }

    static Stream<Arguments> fixturesOnBackends() {
        return fixtures().flatMap(f -> OnnxExportTest.BACKENDS.stream().map(b -> {
            Object[] a = Arrays.copyOf(f.get(), 5);
            a[4] = b;
            return Arguments.of(a);
        }));
    }

    @Test
    void pytorchsGemmWithTransposedWeightsIsReadAsInputsByUnits() throws Exception {
        Mlp mlp = Mlp.loadOnnx(FIXTURES.resolve("torch_relu_softmax.onnx"), Backends.get("loops"));
        assertThat(mlp.inputSize()).isEqualTo(12);
        assertThat(new int[] {mlp.units(0), mlp.units(1), mlp.units(2)}).containsExactly(16, 8, 3);
        assertThat(mlp.activation(2)).isEqualTo(Activation.SOFTMAX);
    }

    static long[] longs(String line) {
        return Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    static double[] doubles(String line) {
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
