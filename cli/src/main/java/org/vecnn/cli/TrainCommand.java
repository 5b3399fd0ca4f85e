package org.vecnn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.EpochResult;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.TrainingListener;
import org.vecnn.nn.TrainingReport;
import org.vecnn.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vecnn train}: an MLP on generated digits or on files, with a progress bar per epoch and a chart. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a ReLU/softmax MLP (input-hidden-classes, cross-entropy, Adam) on the built-in generated "
                + "digits, an MNIST IDX directory or a CSV file; 20%% is held out for validation. Prints loss and "
                + "accuracy per epoch and writes a loss/accuracy chart.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = {"-b", "--backend"}, paramLabel = "NAME", description = "Backend to train on (default: the default backend).")
    String backend;

    @Option(names = "--data", paramLabel = "DIR|CSV",
            description = "An MNIST IDX directory (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]) or a CSV "
                    + "file of numeric features and an integer label column (default: generated 28x28 digits).")
    Path data;

    @Mixin
    NumpyArrays numpy;

    @Option(names = "--label-column", defaultValue = "0", description = "CSV: the label's column (default ${DEFAULT-VALUE}).")
    int labelColumn;

    @Option(names = "--header", description = "CSV: the first line is a header.")
    boolean header;

    @Option(names = "--samples", defaultValue = "6000", description = "Generated digits to train on (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    /** The chart's file name in the report directory. */
    static final String CHART = "training.png";

    @Option(names = "--hidden", defaultValue = "128", description = "Hidden units (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--dtype", defaultValue = "FLOAT32", description = "float32 (default) or float64, in either case.")
    DType dtype;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data, the weights and the shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE.")
    Path save;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "vecnn-report",
            description = "Where to write training.png (default ${DEFAULT-VALUE}).")
    Path report;

    /** What a training run gives, as printed with --json. */
    static final class Outcome {
        String backend;
        String dtype;
        String data;
        String network;
        int examples;
        int features;
        int classes;
        int trainSamples;
        int validationSamples;
        List<EpochResult> epochs;
        double samplesPerSecond;
        String chart;
        String model;
    }

    @Override
    public Integer call() throws Exception {
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        requirePositive("--hidden", hidden);
        requirePositive("--samples", samples);
        Backend chosen = backend == null ? Backends.get() : Backends.get(backend);
        Dataset dataset = NumpyArrays.applies(data) ? numpy.classification(data, labelColumn)
                : TrainingData.load(data, samples, seed, labelColumn, header);
        if (dataset.size() < 5) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "training needs at least 5 samples "
                    + "(80% to train on, 20% to validate with), got " + dataset.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        Outcome outcome = train(chosen, dataset, output.showProgress(), output.json ? null : out);
        if (output.json) {
            out.println(Json.of(outcome));
        } else {
            out.print(table(outcome.epochs));
            out.printf("%s, %s: %.0f samples/s; chart: %s%n", outcome.backend, outcome.dtype, outcome.samplesPerSecond, outcome.chart);
            if (outcome.model != null) {
                out.println("model: " + outcome.model);
            }
        }
        return ExitCodes.OK;
    }

    private void requirePositive(String option, long value) {
        if (value < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
    }

    /**
     * Trains on {@code on}; where {@code announce} is given, first prints there the network, the data's size and
     * the backend.
     */
    Outcome train(Backend on, Dataset dataset, boolean progressBar, PrintWriter announce) throws Exception {
        Dataset.Split split = dataset.split(0.8, seed);
        Mlp mlp = Mlp.builder().input(dataset.featureCount())
                .dense(hidden, Activation.RELU)
                .dense(dataset.classCount(), Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.adam(learningRate)).seed(seed).dtype(dtype)
                .build(on);
        String source = data == null ? "generated digits" : data.toString();
        if (announce != null) {
            announce.printf("network: %s%n", mlp);
            announce.printf("data:    %s: %d examples of %d features, %d classes; %d to train on, %d to validate%n",
                    source, dataset.size(), dataset.featureCount(), dataset.classCount(), split.train().size(),
                    split.test().size());
            announce.printf("backend: %s (%s)%n", on.name(), on.capabilities().device());
            announce.flush();
        }
        EpochProgress listener = new EpochProgress(epochs, progressBar);
        TrainingReport report;
        try (listener) {
            report = mlp.fit(split.train(), Fit.epochs(epochs).batchSize(batchSize).shuffle(seed)
                    .validation(split.test()).listener(listener));
        }
        Outcome outcome = new Outcome();
        outcome.backend = on.name();
        outcome.dtype = dtype.numpyName();
        outcome.data = data == null ? "generated digits (" + samples + ")" : data.toString();
        outcome.network = mlp.toString();
        outcome.examples = dataset.size();
        outcome.features = dataset.featureCount();
        outcome.classes = dataset.classCount();
        outcome.trainSamples = split.train().size();
        outcome.validationSamples = split.test().size();
        outcome.epochs = report.epochs();
        outcome.samplesPerSecond = report.samplesPerSecond();
        try {
            outcome.chart = TrainingChart.write(report.epochs(), "vecnn train: " + outcome.data + ", " + outcome.dtype
                    + " on " + outcome.backend, this.report.resolve(CHART)).toAbsolutePath().toString();
        } catch (IOException | RuntimeException e) {
            throw new IOException("--report " + this.report + ": cannot write training.png: " + Errors.describe(e), e);
        }
        if (save != null) {
            try {
                mlp.save(save);
            } catch (IOException e) {
                throw new IOException("--save " + save + ": " + Errors.describe(e), e);
            }
            outcome.model = save.toAbsolutePath().toString();
        }
        return outcome;
    }

    /** A progress bar per epoch, stepped per batch with the batch's loss. */
    private static final class EpochProgress implements TrainingListener, AutoCloseable {
        private final int epochs;
        private final boolean visible;
        private Progress bar = Progress.start("", 0, false);

        EpochProgress(int epochs, boolean visible) {
            this.epochs = epochs;
            this.visible = visible;
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss) {
            if (batch == 1) {
                bar.close();
                bar = Progress.start("epoch " + epoch + "/" + epochs, batches, visible);
            }
            bar.step(String.format("loss %.4f", loss));
        }

        @Override
        public void onEpoch(EpochResult result) {
            bar.close();
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    static String table(List<EpochResult> epochs) {
        Table table = new Table("epoch", "train loss", "train acc", "val loss", "val acc", "seconds", "samples/s")
                .rightAlign(0, 1, 2, 3, 4, 5, 6);
        for (EpochResult e : epochs) {
            table.row(e.epoch(), String.format("%.4f", e.trainLoss()), String.format("%.3f", e.trainAccuracy()),
                    String.format("%.4f", e.validationLoss()), String.format("%.3f", e.validationAccuracy()),
                    String.format("%.2f", e.seconds()), String.format("%.0f", e.samplesPerSecond()));
        }
        return table.toString();
    }
}
