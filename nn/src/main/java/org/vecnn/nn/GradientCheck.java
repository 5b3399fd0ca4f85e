package org.vecnn.nn;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vecnn.DType;
import org.vecnn.Tensor;
import org.vecnn.Backend;

/**
 * A diagnostic, not part of training: compares the gradients backpropagation computes with central finite
 * differences {@code (L(θ+h) - L(θ-h)) / 2h} of the loss on one batch, parameter by parameter. It reads and
 * writes individual parameters on the host, so it is slow by design; it samples at most
 * {@code perTensor} entries of each weight and bias tensor. FLOAT64 models only (FLOAT32 differences are
 * dominated by rounding). The model's parameters are restored exactly afterwards.
 */
public final class GradientCheck {
    private static final double STEP = 1e-5;
    /** Below this size of {@code |analytic| + |numeric|} errors count as absolute: finite differences are noise there. */
    private static final double FLOOR = 1e-4;

    private GradientCheck() {
    }

    /** The result: the largest relative error found and where. */
    public static final class Result {
        private final double maxRelativeError;
        private final String worst;
        private final int checked;

        Result(double maxRelativeError, String worst, int checked) {
            this.maxRelativeError = maxRelativeError;
            this.worst = worst;
            this.checked = checked;
        }

        /**
         * The largest {@code |analytic - numeric| / max(|analytic| + |numeric|, 1e-4)} over the checked entries.
         */
        public double maxRelativeError() {
            return maxRelativeError;
        }

        /** The number of parameter entries checked. */
        public int checked() {
            return checked;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "max relative error %.3e over %d entries (worst: %s)", maxRelativeError,
                    checked, worst);
        }
    }

    /**
     * Checks {@code model}'s gradients on all of {@code batch} (one batch), at most {@code perTensor} entries
     * per parameter tensor, chosen with {@code seed}.
     *
     * @throws IllegalArgumentException if the model is not FLOAT64 or the data does not fit it
     */
    public static Result check(Mlp model, Dataset batch, int perTensor, long seed) {
        if (model.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradient check: needs a FLOAT64 model, got " + model.dtype());
        }
        if (batch.featureCount() != model.inputSize() || batch.targetCount() != model.outputSize()) {
            throw new IllegalArgumentException("gradient check: data " + batch + " does not fit " + model);
        }
        Backend backend = model.backend();
        Workspace ws = model.workspace(batch.size());
        int[] order = new int[batch.size()];
        java.util.Arrays.setAll(order, i -> i);
        ws.batch.load(batch, order, 0);
        model.computeGradients(ws);
        List<double[]> analytic = new java.util.ArrayList<>();
        for (Tensor gradient : model.gradients()) {
            analytic.add(backend.toDoubleArray(gradient));
        }
        return compare(model, ws, analytic, perTensor, seed);
    }

    /** Compares {@code analytic} gradients (one array per parameter tensor) with finite differences on the loaded batch. */
    static Result compare(Mlp model, Workspace ws, List<double[]> analytic, int perTensor, long seed) {
        Backend backend = model.backend();
        List<Tensor> parameters = model.parameters();
        SplittableRandom random = new SplittableRandom(seed);
        double worstError = 0;
        String worst = "none";
        int checked = 0;
        for (int p = 0; p < parameters.size(); p++) {
            Tensor parameter = parameters.get(p);
            double[] exact = analytic.get(p);
            double[] values = backend.toDoubleArray(parameter);
            int count = Math.min(perTensor, values.length);
            for (int c = 0; c < count; c++) {
                int index = count == values.length ? c : random.nextInt(values.length);
                double original = values[index];
                values[index] = original + STEP;
                backend.copyFrom(values, parameter);
                double plus = model.forwardLoss(ws);
                values[index] = original - STEP;
                backend.copyFrom(values, parameter);
                double minus = model.forwardLoss(ws);
                values[index] = original;
                backend.copyFrom(values, parameter);
                double numeric = (plus - minus) / (2 * STEP);
                double error = Math.abs(exact[index] - numeric)
                        / Math.max(Math.abs(exact[index]) + Math.abs(numeric), FLOOR);
                checked++;
                if (error > worstError || Double.isNaN(error)) {
                    worstError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                    worst = String.format(Locale.ROOT, "layer %d %s[%d]: analytic %.9e, numeric %.9e", p / 2 + 1,
                            p % 2 == 0 ? "weights" : "bias", index, exact[index], numeric);
                }
            }
        }
        return new Result(worstError, worst, checked);
    }
}
