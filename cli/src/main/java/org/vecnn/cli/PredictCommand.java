package org.vecnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.nn.data.Csv;
import org.vecnn.nn.data.DataFileException;
import org.vecnn.nn.Mlp;
import org.vecnn.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vecnn predict MODEL --data ...}: a saved model's classes or outputs for new data. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Load a model saved with `vecnn train --save` and print the predicted class of every example "
                + "(or, with --outputs, the network's outputs), one example per line as CSV, or as JSON.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by `vecnn train --save`, or an ONNX model (a .onnx file: PyTorch, skl2onnx, tf2onnx or `vecnn export`).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE|DIR",
            description = "A CSV file of features, an IDX file (examples along its first dimension; unsigned bytes "
                    + "scaled to [0, 1] as in training), or an MNIST directory (t10k-images first).")
    Path data;

    @Mixin
    NumpyArrays numpy;

    @Option(names = "--label-column", paramLabel = "N|last", converter = LabelColumn.Converter.class,
            description = "CSV: a label column to leave out, from 0 (negative counts from the end) or `last` (as "
                    + "`vecnn train --label-column`); none by default.")
    LabelColumn labelColumn;

    @Option(names = "--header", description = "CSV: the first line is a header.")
    boolean header;

    @Option(names = "--outputs", description = "Print the network's outputs (class probabilities) instead of classes.")
    boolean outputs;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json",
            description = "Output format: csv (default) or json.")
    Format format;

    @Mixin
    BackendOption backend;

    /** The output formats. */
    enum Format { CSV, JSON }

    @Override
    public Integer call() throws Exception {
        Backend on = backend.backend();
        Mlp mlp = ModelFiles.load(model, on);
        Csv.Matrix x = NumpyArrays.applies(data) ? numpy.features(data, labelColumn == null ? null : labelColumn.index()) : ModelInput.features(data, header, labelColumn);
        if (x.columns() != mlp.inputSize()) {
            throw new DataFileException(mismatch(x.columns(), mlp.inputSize()));
        }
        Tensor features = tensor(on, mlp.dtype(), x);
        PrintWriter out = spec.commandLine().getOut();
        if (outputs) {
            double[] y = mlp.predict(features).toDoubleArray();
            print(out, y, x.rows(), mlp.outputSize());
        } else {
            int[] classes = mlp.predictClasses(features);
            double[] y = new double[classes.length];
            for (int i = 0; i < classes.length; i++) {
                y[i] = classes[i];
            }
            print(out, y, classes.length, 1);
        }
        return ExitCodes.OK;
    }

    /** Why {@code columns} features do not fit a model of {@code inputs}, and what to pass where a label is left. */
    private String mismatch(int columns, int inputs) {
        String have = "--data " + data + " has " + columns + " features per example" + (labelColumn == null ? ""
                : " (its columns less --label-column " + labelColumn + ")") + " but the model " + model + " takes "
                + inputs;
        if (labelColumn == null && columns == inputs + 1) {
            return have + ": one more, a label column? Leave it out with --label-column N (from 0; negative counts"
                    + " from the end) or --label-column last";
        }
        return have;
    }

    private static Tensor tensor(Backend on, DType dtype, Csv.Matrix x) {
        float[] values = x.values();
        if (dtype == DType.FLOAT32) {
            return on.fromArray(values, x.rows(), x.columns());
        }
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return on.fromArray(wide, x.rows(), x.columns());
    }

    private void print(PrintWriter out, double[] y, int rows, int columns) {
        boolean integers = !outputs;
        StringBuilder text = new StringBuilder();
        if (format == Format.JSON) {
            text.append('[');
        }
        for (int r = 0; r < rows; r++) {
            if (format == Format.JSON) {
                text.append(r == 0 ? "" : ",").append(columns == 1 ? "" : "[");
            }
            for (int c = 0; c < columns; c++) {
                double v = y[r * columns + c];
                text.append(c == 0 ? "" : ",").append(integers ? Long.toString((long) v) : number(v));
            }
            if (format == Format.JSON) {
                text.append(columns == 1 ? "" : "]");
            } else {
                text.append(System.lineSeparator());
            }
        }
        if (format == Format.JSON) {
            text.append(']').append(System.lineSeparator());
        }
        out.print(text);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : "\"" + v + "\"";
    }
}
