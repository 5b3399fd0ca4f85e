package org.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code --backend} mixins: one option, the same names, on every command that takes it. */
class BackendOptionsTest {

    @Test
    void theOneBackendCommandsShareTheOption() {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("-b", "loops");
        assertThat(train.backend.backend().name()).isEqualTo("loops");
        EvaluateCommand evaluate = new EvaluateCommand();
        new CommandLine(evaluate).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("m.vecnn", "--data", "d.csv", "--backend", "ejml");
        assertThat(evaluate.backend.name).isEqualTo("ejml");
        PredictCommand predict = new PredictCommand();
        new CommandLine(predict).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("m.vecnn", "--data", "d.csv");
        assertThat(predict.backend.name).isNull();
    }

    @Test
    void theBenchCommandsTakeACommaSeparatedListUnderEveryName() {
        CallCostCommand calls = new CallCostCommand();
        new CommandLine(calls).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--backend", "loops,ejml");
        assertThat(calls.backends.names).containsExactly("loops", "ejml");
        MlpBenchCommand mlp = new MlpBenchCommand();
        new CommandLine(mlp).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--backends", "vector");
        assertThat(mlp.backends.names).containsExactly("vector");
        OnnxBenchCommand onnx = new OnnxBenchCommand();
        new CommandLine(onnx).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("-b", "loops", "-b", "ejml");
        assertThat(onnx.backends.names).containsExactly("loops", "ejml");
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
        assertThat(bench.backends.names).isEmpty();
    }
}
