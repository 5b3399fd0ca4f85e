package org.vecnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecnn.nn.data.DataFileException;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.Evaluation;
import org.vecnn.nn.Mlp;
import org.vecnn.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vecnn evaluate MODEL --data ...}: a saved model's loss and accuracy on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Load a model saved with `vecnn train --save` and print its mean loss and accuracy on labelled "
                + "data: an MNIST directory (t10k files first, else train) or a CSV file with a label column "
                + "(for a regression model, its last columns are the targets).")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by `vecnn train --save`, or an ONNX model (a .onnx file: PyTorch, skl2onnx, tf2onnx or `vecnn export`).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR|CSV", description = "Labelled data.")
    Path data;

    @Mixin
    NumpyArrays numpy;

    @Option(names = "--label-column", defaultValue = "0", paramLabel = "N|last", converter = LabelColumn.Converter.class,
            description = "CSV: the label's column, from 0 (negative counts from the end) or `last` (default "
                    + "${DEFAULT-VALUE}).")
    LabelColumn labelColumn;

    @Option(names = "--header", description = "CSV: the first line is a header.")
    boolean header;

    @Mixin
    BackendOption backend;

    /** What an evaluation gives, as printed with --json. */
    static final class Outcome {
        String model;
        String network;
        String data;
        String backend;
        int samples;
        double loss;
        double accuracy;
    }

    /** Why {@code dataset} does not fit {@code mlp}, in the terms of its file. */
    private String mismatch(Dataset dataset, Mlp mlp) {
        String needs = "the model " + model + " maps " + mlp.inputSize() + " features to " + mlp.outputSize()
                + " output" + (mlp.outputSize() == 1 ? "" : "s");
        if (!dataset.hasLabels()) {
            return "--data " + data + " has " + (dataset.featureCount() + dataset.targetCount()) + " columns, but "
                    + needs + ": a row of regression data needs " + (mlp.inputSize() + mlp.outputSize())
                    + " columns, the features, then the " + mlp.outputSize() + " target" + (mlp.outputSize() == 1
                            ? "" : "s");
        }
        return "--data " + data + " has " + dataset.featureCount() + " features per example and labels of "
                + dataset.classCount() + " classes, but " + needs;
    }

    @Override
    public Integer call() throws Exception {
        Backend on = backend.backend();
        Mlp mlp = ModelFiles.load(model, on);
        Dataset dataset = NumpyArrays.applies(data) ? numpy.labelled(data, mlp, labelColumn.index())
                : ModelInput.labelled(data, mlp, labelColumn, header);
        if (dataset.featureCount() != mlp.inputSize() || dataset.targetCount() != mlp.outputSize()) {
            throw new DataFileException(mismatch(dataset, mlp));
        }
        Evaluation evaluation = mlp.evaluate(dataset);
        Outcome outcome = new Outcome();
        outcome.model = model.toString();
        outcome.network = mlp.toString();
        outcome.data = data.toString();
        outcome.backend = on.name();
        outcome.samples = evaluation.samples();
        outcome.loss = evaluation.loss();
        outcome.accuracy = evaluation.accuracy();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.of(outcome));
        } else {
            out.printf("network:  %s%n", outcome.network);
            out.printf("data:     %s: %d examples%n", outcome.data, outcome.samples);
            out.printf(Locale.ROOT, "loss:     %.4f%n", outcome.loss);
            if (!Double.isNaN(outcome.accuracy)) {
                out.printf(Locale.ROOT, "accuracy: %.4f%n", outcome.accuracy);
            }
        }
        return ExitCodes.OK;
    }
}
