package org.vecnn.nn.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.onnx.proto.OnnxProto.ModelProto;
import org.vecnn.nn.onnx.proto.OnnxProto.TensorShapeProto;

/**
 * Every exported model runs in ONNX Runtime and predicts what vecnn predicts: each activation and output vecnn has,
 * float32 and float64, on the backends of nn's tests (loops, ejml, vector), at two batch sizes (the batch dimension is
 * dynamic). Tolerance: |ort - vecnn| ≤ 1e-5 + 1e-4·|vecnn| for float32, 1e-12 + 1e-9·|vecnn| for float64 (different
 * summation orders of the same products; ONNX Runtime's float64 sigmoid differs from Java's by up to about 2e-10
 * relative; a float64 LeakyRelu model 1e-7 relative, as ONNX stores the slope as a float32).
 */
class OnnxExportTest {
    static final List<String> BACKENDS = List.of("loops", "ejml", "vector");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String backend : BACKENDS) {
            for (DType dtype : DType.values()) {
                cases.add(Arguments.of(backend, dtype, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
                cases.add(Arguments.of(backend, dtype, Activation.leakyRelu(0.2), Activation.SIGMOID,
                        Loss.BINARY_CROSS_ENTROPY));
                cases.add(Arguments.of(backend, dtype, Activation.TANH, Activation.IDENTITY, Loss.MSE));
                cases.add(Arguments.of(backend, dtype, Activation.SIGMOID, Activation.TANH, Loss.MSE));
                cases.add(Arguments.of(backend, dtype, Activation.IDENTITY, Activation.RELU, Loss.MSE));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("cases")
    void ortPredictsWhatVecnnPredicts(String backendName, DType dtype, Activation hidden, Activation output, Loss loss)
            throws Exception {
        Backend backend = Backends.get(backendName);
        Mlp mlp = Mlp.builder().input(13).dense(17, hidden).dense(9, hidden).dense(output == Activation.SIGMOID ? 1 : 5,
                output).loss(loss).optimizer(Optimizer.sgd(0.1)).seed(3).dtype(dtype).build(backend);
        Path file = dir.resolve("model.onnx");
        mlp.saveOnnx(file);
        for (int rows : new int[] {1, 7}) {
            double[] x = inputs(rows * 13, rows);
            Tensor input = dtype == DType.FLOAT64 ? backend.fromArray(x, rows, 13) : backend.fromArray(floats(x), rows, 13);
            double[] expected = mlp.predict(input).toDoubleArray();
            double[] actual = OrtRunner.run(file, dtype, x, rows, 13);
            if (dtype == DType.FLOAT64 && hidden.kind() == Activation.Kind.LEAKY_RELU) {
                // ONNX's LeakyRelu alpha is a float32 attribute: 0.2 is stored as 0.2f, 1.5e-8 relative away.
                assertClose(actual, expected, 1e-12, 1e-7);
            } else {
                assertClose(actual, expected, dtype);
            }
        }
        Mlp back = Mlp.loadOnnx(file, backend);
        assertThat(back.parameterValues()).containsExactly(mlp.parameterValues());
        assertThat(back.loss()).isEqualTo(loss);
        for (int i = 0; i < mlp.layerCount(); i++) {
            assertThat(back.activation(i)).isEqualTo(mlp.activation(i));
        }
    }

    @Test
    void theModelNamesItsInputsOutputsProducerAndOpset() throws Exception {
        Mlp mlp = Mlp.builder().input(4).dense(3, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(0.1)).build(Backends.get("loops"));
        Path file = dir.resolve("named.onnx");
        mlp.saveOnnx(file);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertThat(model.getProducerName()).isEqualTo("vecnn");
        assertThat(model.getProducerVersion()).isNotBlank().doesNotContain("${").isNotEqualTo("unknown");
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(Onnx.OPSET);
        assertThat(model.getGraph().getInput(0).getName()).isEqualTo("input");
        assertThat(model.getGraph().getOutput(0).getName()).isEqualTo("output");
        TensorShapeProto shape = model.getGraph().getInput(0).getType().getTensorType().getShape();
        assertThat(shape.getDim(0).getDimParam()).isEqualTo("batch");
        assertThat(shape.getDim(1).getDimValue()).isEqualTo(4);
        assertThat(model.getGraph().getNodeList()).extracting(n -> n.getOpType()).containsExactly("Gemm", "Softmax");
    }

    static void assertClose(double[] actual, double[] expected, DType dtype) {
        assertClose(actual, expected, dtype == DType.FLOAT64 ? 1e-12 : 1e-5, dtype == DType.FLOAT64 ? 1e-9 : 1e-4);
    }

    static void assertClose(double[] actual, double[] expected, double absolute, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("output %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(absolute + relative * Math.abs(expected[i]));
        }
    }

    static double[] inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-2, 2);
        }
        return x;
    }

    static float[] floats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
