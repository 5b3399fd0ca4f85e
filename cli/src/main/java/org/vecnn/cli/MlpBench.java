package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.nn.Dataset;
import org.vecnn.nn.EpochResult;
import org.vecnn.nn.Fit;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.TrainingReport;
import org.vecnn.Backend;

/**
 * Times {@link MlpWorkload} on one backend through {@code Mlp.fit} and {@code Mlp.predict}: training samples per
 * second of each epoch after warm-up epochs, and inference samples per second of repeated predictions over the
 * whole data set. A backend too slow for its time budget is timed on the first rows only (whole batches), and
 * the result says so.
 */
final class MlpBench {
    /** Batches the probe trains to estimate a backend's speed (and to let the JIT start). */
    private static final int PROBE_BATCHES = 10;
    /** The most probes {@link #affordable} runs. */
    private static final int PROBES = 20;

    /** One backend's figures. */
    static final class Result {
        final String backend;
        /** Samples per epoch and per prediction: all of them, or fewer when {@link #reduced}. */
        final int samples;
        final boolean reduced;
        final int warmupEpochs;
        /** Training samples per second, one value per measured epoch. */
        Spread train;
        /** Inference samples per second, one value per {@code predict} over {@link #samples} rows. */
        Spread predict;
        /** The mean training loss of every epoch, warm-up epochs first (they train too, from the initial weights). */
        final List<Double> lossPerEpoch = new ArrayList<>();
        /** This backend's median over NumPy's; NaN without NumPy. */
        double trainRatio = Double.NaN;
        double predictRatio = Double.NaN;
        /** False when either spread's interquartile range exceeds {@link Spread#UNSTEADY} of its median. */
        boolean trainRatioTrusted;
        boolean predictRatioTrusted;

        Result(String backend, int samples, boolean reduced, int warmupEpochs) {
            this.backend = backend;
            this.samples = samples;
            this.reduced = reduced;
            this.warmupEpochs = warmupEpochs;
        }

        void relateTo(NumpyBaseline.Result numpy) {
            if (numpy.present) {
                trainRatio = train.median / numpy.train.median;
                predictRatio = predict.median / numpy.predict.median;
                trainRatioTrusted = !train.unsteady() && !numpy.train.unsteady();
                predictRatioTrusted = !predict.unsteady() && !numpy.predict.unsteady();
            }
        }
    }

    private MlpBench() {
    }

    /**
     * Trains {@code warmup + epochs} epochs of {@code data} (or of its first rows, if the estimate says the run
     * would exceed {@code budgetSeconds}) on a fresh network and times each, then predicts over the same rows
     * {@code max(warmup, 1)} times to warm up (the JIT compiles the large shapes' paths anew) and
     * {@code max(epochs, 5)} times timed.
     */
    static Result measure(Backend backend, Dataset data, int warmup, int epochs, double budgetSeconds, long seed) {
        int samples = affordable(backend, data, warmup, epochs, budgetSeconds, seed);
        Dataset used = samples == data.size() ? data : data.slice(0, samples);
        Result result = new Result(backend.name(), samples, samples < data.size(), warmup);
        Mlp net = MlpWorkload.network(backend, seed);
        if (warmup > 0) {
            TrainingReport report = net.fit(used, Fit.epochs(warmup).batchSize(MlpWorkload.BATCH));
            report.epochs().forEach(e -> result.lossPerEpoch.add(e.trainLoss()));
        }
        List<Double> rates = new ArrayList<>();
        for (EpochResult epoch : net.fit(used, Fit.epochs(epochs).batchSize(MlpWorkload.BATCH)).epochs()) {
            rates.add(epoch.samplesPerSecond());
            result.lossPerEpoch.add(epoch.trainLoss());
        }
        result.train = Spread.of(rates);
        Tensor x = used.features(backend, DType.FLOAT32);
        for (int i = 0; i < Math.max(warmup, 1); i++) {
            net.predict(x);
        }
        List<Double> predictions = new ArrayList<>();
        for (int i = 0; i < Math.max(epochs, 5); i++) {
            long t0 = System.nanoTime();
            net.predict(x);
            predictions.add(samples / ((System.nanoTime() - t0) / 1e9));
        }
        result.predict = Spread.of(predictions);
        return result;
    }

    /**
     * All of {@code data}'s rows, or as many whole batches (at least the probe's) as fit the budget, estimated
     * from a throw-away network trained on {@value #PROBE_BATCHES} batches again and again until it stops getting
     * faster (the JIT compiles a backend's kernels only after thousands of calls: a second probe of a
     * backend can still run far slower than its epochs, and would cut its measured epochs short for nothing), at most
     * {@value #PROBES} times or a tenth of the budget: training counts the warm-up and the measured epochs,
     * inference a third of an epoch per prediction.
     */
    private static int affordable(Backend backend, Dataset data, int warmup, int epochs, double budgetSeconds, long seed) {
        int probeRows = Math.min(data.size(), PROBE_BATCHES * MlpWorkload.BATCH);
        Mlp probeNet = MlpWorkload.network(backend, seed);
        Dataset probeData = data.slice(0, probeRows);
        Fit once = Fit.epochs(1).batchSize(MlpWorkload.BATCH);
        probeNet.fit(probeData, once);
        double fastest = Double.MAX_VALUE;
        double spent = 0;
        for (int probe = 0; probe < PROBES && spent < budgetSeconds / 10; probe++) {
            double seconds = probeNet.fit(probeData, once).seconds();
            spent += seconds;
            boolean faster = seconds < 0.9 * fastest;
            fastest = Math.min(fastest, seconds);
            if (!faster && probe > 0) {
                break;
            }
        }
        double secondsPerSample = fastest / probeRows;
        double epochsOfWork = warmup + epochs + (1 + Math.max(epochs, 5)) / 3.0;
        double wanted = data.size() * epochsOfWork * secondsPerSample;
        if (wanted <= budgetSeconds) {
            return data.size();
        }
        long rows = (long) (budgetSeconds / (epochsOfWork * secondsPerSample)) / MlpWorkload.BATCH * MlpWorkload.BATCH;
        return (int) Math.max(probeRows, Math.min(rows, data.size()));
    }
}
