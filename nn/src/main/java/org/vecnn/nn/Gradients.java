package org.vecnn.nn;

import java.util.Arrays;
import java.util.Locale;

/**
 * The loss of an {@link Mlp} on a batch and the gradient of that loss with respect to every parameter, read
 * back to the host: what {@link Mlp#gradients(Dataset)} computes and {@link Mlp#applyGradients(Gradients)}
 * consumes (DL4J's {@code computeGradientAndScore}, PyTorch's {@code loss.backward()} then {@code .grad}).
 * Immutable.
 *
 * <p><b>Layout.</b> {@link #values()} is one flat array in the layout of {@link Mlp#parameterValues()}: for
 * each layer in order, its weight gradient {@code ∂L/∂W} ({@code inputs × units}, row-major, entry
 * {@code [i * units + j]} for input {@code i} and unit {@code j}) followed by its bias gradient {@code ∂L/∂b}
 * ({@code units} values). {@link #weights(int)} and {@link #biases(int)} return one layer's part.
 *
 * <p><b>Scale.</b> {@code L} is the batch's mean loss as {@link Loss} defines it (over rows, or over every
 * output element for MSE and binary cross-entropy), so gradients of batches of different sizes combine into the
 * gradient of their union as the example-weighted mean {@code Σ nᵢ·gᵢ / Σ nᵢ}, with {@code nᵢ} =
 * {@link #examples()}. Weight decay is not included: the optimizer adds it when it applies the step.
 */
public final class Gradients {
    private final int[] inputs;
    private final int[] units;
    private final double loss;
    private final int examples;
    private final long correct;
    private final double[] values;

    Gradients(int[] inputs, int[] units, double loss, int examples, long correct, double[] values) {
        this.inputs = inputs;
        this.units = units;
        this.loss = loss;
        this.examples = examples;
        this.correct = correct;
        this.values = values;
    }

    /**
     * Gradients in {@code model}'s layout from values computed elsewhere, for example summed over the
     * partitions of a distributed batch and divided by its size.
     *
     * @param model    the network whose layout {@code values} follows
     * @param loss     the mean loss over the {@code examples} the gradients were computed on
     * @param examples the number of examples, > 0
     * @param correct  how many of them the network classified correctly, or -1 if not counted
     * @param values   the gradients in the layout described above; copied
     * @throws IllegalArgumentException if {@code values} does not have {@link Mlp#parameterCount()} entries, or
     *                                  {@code examples} is not positive, or a value is not finite
     */
    public static Gradients of(Mlp model, double loss, int examples, long correct, double[] values) {
        if (model == null || values == null) {
            throw new IllegalArgumentException("gradients: model and values must not be null");
        }
        if (values.length != model.parameterCount()) {
            throw new IllegalArgumentException("gradients: " + values.length + " values, but " + model + " has "
                    + model.parameterCount() + " parameters");
        }
        if (examples <= 0) {
            throw new IllegalArgumentException("gradients: examples must be > 0, got " + examples);
        }
        checkFinite("gradients", values);
        int[][] layout = model.layout();
        return new Gradients(layout[0], layout[1], loss, examples, correct, values.clone());
    }

    static void checkFinite(String op, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(op + ": value " + i + " of " + values.length + " is " + values[i]);
            }
        }
    }

    /** The mean loss over the examples (before any step). */
    public double loss() {
        return loss;
    }

    /** The number of examples the gradients were computed on. */
    public int examples() {
        return examples;
    }

    /**
     * How many of the examples the network classified correctly (as {@link Mlp#predictClasses} would), or -1
     * for data without class labels.
     */
    public long correct() {
        return correct;
    }

    /** The number of layers. */
    public int layerCount() {
        return units.length;
    }

    /** The number of gradient values, {@link Mlp#parameterCount()} of the network. */
    public int size() {
        return values.length;
    }

    /** A copy of all gradient values, in the layout the class describes. */
    public double[] values() {
        return values.clone();
    }

    /** Adds {@code factor ×} every value to {@code sum} (same layout and length), without copying. */
    public void addTo(double[] sum, double factor) {
        if (sum == null || sum.length != values.length) {
            throw new IllegalArgumentException("gradients.addTo: target has " + (sum == null ? "no" : sum.length)
                    + " entries, the gradients " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            sum[i] += factor * values[i];
        }
    }

    /** A copy of layer {@code layer}'s weight gradient, (inputs, units) row-major. */
    public double[] weights(int layer) {
        int start = offset(layer);
        return Arrays.copyOfRange(values, start, start + inputs[layer] * units[layer]);
    }

    /** A copy of layer {@code layer}'s bias gradient. */
    public double[] biases(int layer) {
        int start = offset(layer) + inputs[layer] * units[layer];
        return Arrays.copyOfRange(values, start, start + units[layer]);
    }

    private int offset(int layer) {
        if (layer < 0 || layer >= units.length) {
            throw new IndexOutOfBoundsException("gradients: layer " + layer + " of " + units.length);
        }
        int offset = 0;
        for (int i = 0; i < layer; i++) {
            offset += (inputs[i] + 1) * units[i];
        }
        return offset;
    }

    /** Whether {@code model} has this layout. */
    boolean fits(Mlp model) {
        int[][] layout = model.layout();
        return Arrays.equals(inputs, layout[0]) && Arrays.equals(units, layout[1]);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Gradients(%d values over %d examples, loss %.6g)", values.length, examples,
                loss);
    }
}
