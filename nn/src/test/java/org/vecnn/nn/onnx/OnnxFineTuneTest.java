package org.vecnn.nn.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Backend;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Evaluation;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.TrainingReport;

/** A model trained elsewhere, imported from ONNX, evaluates, trains further with the optimizer chosen, and saves. */
class OnnxFineTuneTest {
    @TempDir
    Path dir;

    @Test
    void aPytorchModelTrainsFurtherWithAdamAndSavesBothWays() throws Exception {
        Backend backend = Backends.get("loops");
        Mlp mlp = Mlp.loadOnnx(OnnxFixturesTest.FIXTURES.resolve("torch_relu_softmax.onnx"), backend, null,
                Optimizer.adam(0.01));
        assertThat(mlp.optimizer().kind()).isEqualTo(Optimizer.Kind.ADAM);
        Dataset data = task(400, 1);
        Evaluation before = mlp.evaluate(data);
        TrainingReport report = mlp.fit(data, Fit.epochs(30).batchSize(32).shuffle(2));
        Evaluation after = mlp.evaluate(data);
        assertThat(report.finalLoss()).isLessThan(report.epochs().get(0).trainLoss());
        assertThat(after.loss()).isLessThan(before.loss() / 2);
        assertThat(after.accuracy()).isGreaterThan(0.9);

        Path onnx = dir.resolve("tuned.onnx");
        mlp.saveOnnx(onnx);
        Path native_ = dir.resolve("tuned.vecnn");
        mlp.save(native_);
        double[] x = OnnxExportTest.inputs(10 * 12, 5);
        Tensor input = backend.fromArray(OnnxExportTest.floats(x), 10, 12);
        double[] tuned = mlp.predict(input).toDoubleArray();
        OnnxExportTest.assertClose(OrtRunner.run(onnx, DType.FLOAT32, x, 10, 12), tuned, DType.FLOAT32);
        assertThat(Mlp.load(native_, backend).predict(input).toDoubleArray()).containsExactly(tuned);
        assertThat(Mlp.loadOnnx(onnx, backend).predict(input).toDoubleArray()).containsExactly(tuned);
    }

    /** 12 features; the class is which of the first three is largest. */
    static Dataset task(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 12];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 12; j++) {
                x[i * 12 + j] = (float) random.nextDouble(-1, 1);
            }
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = x[i * 12 + c] > x[i * 12 + best] ? c : best;
            }
            labels[i] = best;
        }
        return Dataset.classification(x, 12, labels, 3);
    }
}
