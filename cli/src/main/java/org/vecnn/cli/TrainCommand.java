package org.vecnn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.EpochResult;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.MlpBuilder;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.Standardization;
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
        description = "Train an MLP classifier (hidden layers of --activation, a softmax output, cross-entropy) on the "
                + "built-in generated digits, an MNIST IDX directory or a CSV file; by default 20%% is held out for "
                + "validation (--validation). Features on large scales (0-255 pixels, amounts) train far better with "
                + "--standardize. Prints the class counts, loss and accuracy per epoch and writes a loss/accuracy "
                + "chart.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    BackendOption backend;

    @Option(names = "--data", paramLabel = "DIR|CSV",
            description = "An MNIST IDX directory (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]) or a CSV "
                    + "file of numeric features and an integer label column (default: generated 28x28 digits).")
    Path data;

    @Mixin
    NumpyArrays numpy;

    @Option(names = "--label-column", defaultValue = "0", paramLabel = "N|last", converter = LabelColumn.Converter.class,
            description = "CSV: the label's column, from 0 (negative counts from the end) or `last` (default "
                    + "${DEFAULT-VALUE}). Labels are integers from 0; a column that is not (a feature), gives one "
                    + "class, or gives classes of a handful of examples among thousands is refused.")
    LabelColumn labelColumn;

    @Option(names = "--allow-rare-classes", description = "CSV: train even where a class from 0 to the largest "
            + "label has fewer than " + ClassLabels.RARE_BELOW + " examples and under 1 in " + ClassLabels.RARE_SHARE
            + " (or none).")
    boolean allowRareClasses;

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

    @Option(names = "--hidden", defaultValue = "128", split = ",", paramLabel = "UNITS",
            description = "Units of each hidden layer, e.g. 256,128 for two (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            description = "Activation of the hidden layers: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    HiddenActivation activation;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
            description = "adam, momentum (SGD with momentum 0.9) or sgd (default ${DEFAULT-VALUE}).")
    OptimizerChoice optimizer;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "The optimizer's learning rate (default: adam 0.001, momentum 0.01, sgd 0.1).")
    Double learningRate;

    @Option(names = "--validation", defaultValue = "0.2", paramLabel = "FRACTION",
            description = "The fraction of the examples held out to validate with, from 0 (none: train on all) to "
                    + "below 1 (default ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--split-seed", defaultValue = "42", paramLabel = "SEED",
            description = "Seed of the choice of the held-out examples alone, so --seed can vary the weights and the "
                    + "shuffling over the same split (default ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--standardize",
            description = "Scale each feature to mean 0 and deviation 1 with the training part's statistics; they are "
                    + "saved with the model, and predict and evaluate apply them to raw data.")
    boolean standardize;

    /** The hidden layers' activations {@code --activation} offers. */
    enum HiddenActivation {
        RELU(Activation.RELU), LEAKY_RELU(Activation.LEAKY_RELU), TANH(Activation.TANH), SIGMOID(Activation.SIGMOID);

        final Activation activation;

        HiddenActivation(Activation activation) {
            this.activation = activation;
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The optimizers {@code --optimizer} offers, with the default learning rate of each. */
    enum OptimizerChoice {
        ADAM(0.001), MOMENTUM(0.01), SGD(0.1);

        final double defaultRate;

        OptimizerChoice(double defaultRate) {
            this.defaultRate = defaultRate;
        }

        Optimizer create(Double rate) {
            double r = rate == null ? defaultRate : rate;
            return switch (this) {
                case ADAM -> Optimizer.adam(r);
                case MOMENTUM -> Optimizer.momentum(r, 0.9);
                case SGD -> Optimizer.sgd(r);
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Option(names = "--dtype", defaultValue = "FLOAT32", description = "float32 (default) or float64, in either case.")
    DType dtype;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the generated digits, the weights and the shuffling; the split has --split-seed "
                    + "(default ${DEFAULT-VALUE}).")
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
        int[] classCounts;
        boolean standardized;
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
        for (int units : hidden) {
            requirePositive("--hidden", units);
        }
        requirePositive("--samples", samples);
        if (!(validation >= 0 && validation < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--validation must be a fraction from 0"
                    + " (no hold-out) to below 1, got " + validation);
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--learning-rate must be positive, got "
                    + learningRate);
        }
        Backend chosen = backend.backend();
        Dataset dataset = NumpyArrays.applies(data) ? numpy.classification(data, labelColumn.index())
                : TrainingData.load(data, samples, seed, labelColumn, header, allowRareClasses);
        int held = held(dataset.size());
        if (validation > 0 && (held < 1 || held >= dataset.size())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), dataset.size() + " examples leave "
                    + (held < 1 ? "none to validate with" : "none to train on") + " at --validation " + validation
                    + ": give more data, another fraction, or --validation 0 to train on all of them");
        }
        PrintWriter out = spec.commandLine().getOut();
        Outcome outcome = train(chosen, dataset, output.showProgress(), output.json ? null : out);
        if (output.json) {
            out.println(Json.of(outcome));
        } else {
            out.print(table(outcome.epochs));
            out.printf("%s, %s: %s; chart: %s%n", outcome.backend, outcome.dtype, summary(outcome.epochs),
                    outcome.chart);
            if (outcome.model != null) {
                out.println("model: " + outcome.model);
            }
        }
        return ExitCodes.OK;
    }

    /** How many of {@code examples} the split holds out: what {@link Dataset#split} leaves after its rounding. */
    private int held(int examples) {
        return validation == 0 ? 0 : examples - (int) Math.round((1 - validation) * examples);
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
    /** The training part and the held-out part of {@code dataset}, chosen by {@code --split-seed} alone; null without. */
    Dataset.Split split(Dataset dataset) {
        return validation > 0 ? dataset.split(1 - validation, splitSeed) : null;
    }

    Outcome train(Backend on, Dataset dataset, boolean progressBar, PrintWriter announce) throws Exception {
        Dataset.Split split = split(dataset);
        Dataset train = split == null ? dataset : split.train();
        Dataset validate = split == null ? null : split.test();
        MlpBuilder builder = Mlp.builder().input(dataset.featureCount());
        if (standardize) {
            builder.standardize(Standardization.of(train));
        }
        for (int units : hidden) {
            builder.dense(units, activation.activation);
        }
        Mlp mlp = builder.dense(dataset.classCount(), Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY)
                .optimizer(optimizer.create(learningRate)).seed(seed).dtype(dtype).build(on);
        String source = data == null ? "generated digits" : data.toString();
        if (announce != null) {
            announce.printf("network: %s%n", mlp);
            announce.printf("data:    %s: %d examples of %d features, %d classes; %d to train on, %s%n",
                    source, dataset.size(), dataset.featureCount(), dataset.classCount(), train.size(),
                    validate == null ? "none held out (--validation 0)" : validate.size() + " to validate");
            announce.printf("classes: %s%n", ClassLabels.describe(classCounts(dataset)));
            announce.printf("backend: %s (%s)%n", on.name(), on.capabilities().device());
            announce.flush();
        }
        EpochProgress listener = new EpochProgress(epochs, progressBar);
        TrainingReport report;
        try (listener) {
            Fit fit = Fit.epochs(epochs).batchSize(batchSize).shuffle(seed).listener(listener);
            report = mlp.fit(train, validate == null ? fit : fit.validation(validate));
        }
        Outcome outcome = new Outcome();
        outcome.backend = on.name();
        outcome.dtype = dtype.numpyName();
        outcome.data = data == null ? "generated digits (" + samples + ")" : data.toString();
        outcome.network = mlp.toString();
        outcome.examples = dataset.size();
        outcome.features = dataset.featureCount();
        outcome.classes = dataset.classCount();
        outcome.classCounts = classCounts(dataset);
        outcome.trainSamples = train.size();
        outcome.validationSamples = validate == null ? 0 : validate.size();
        outcome.standardized = standardize;
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

    private static int[] classCounts(Dataset dataset) {
        return ClassLabels.count(dataset.labels(), dataset.classCount());
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
                    orDash("%.4f", e.validationLoss()), orDash("%.3f", e.validationAccuracy()),
                    seconds(e.seconds()), String.format("%.0f", e.samplesPerSecond()));
        }
        return table.toString();
    }

    private static String orDash(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(format, value);
    }

    /**
     * Seconds to three significant digits, so that a row's samples / seconds gives its samples/s (a fixed two
     * decimals printed a 1 ms epoch as 0.00 beside a million samples/s).
     */
    static String seconds(double seconds) {
        return seconds >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", seconds)
                : String.format(java.util.Locale.ROOT, "%.3g", seconds);
    }

    /**
     * The throughput of the rows above it, stated as the rows state it: all samples over all steps' seconds, and
     * without the first epoch (which carries the JIT's warm-up), so that neither figure looks at odds with the rows.
     */
    static String summary(List<EpochResult> epochs) {
        long samples = epochs.stream().mapToLong(EpochResult::samples).sum();
        double seconds = epochs.stream().mapToDouble(EpochResult::seconds).sum();
        String all = String.format(java.util.Locale.ROOT, "%d samples in %s s, %.0f samples/s", samples,
                seconds(seconds), samples / seconds);
        if (epochs.size() < 2) {
            return all;
        }
        long later = samples - epochs.get(0).samples();
        double laterSeconds = seconds - epochs.get(0).seconds();
        return all + String.format(java.util.Locale.ROOT, " (%.0f samples/s after epoch 1, which includes the warm-up)",
                later / laterSeconds);
    }
}
