package org.vecnn.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.Backend;
import org.vecnn.nn.io.ModelFile;
import org.vecnn.nn.io.ModelFileException;

/**
 * A multilayer perceptron of dense layers, trained with whole-batch operations on one backend.
 *
 * <pre>{@code
 * Mlp net = Mlp.builder().input(784).dense(256, Activation.RELU).dense(10, Activation.SOFTMAX)
 *         .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).seed(42).build(backend);
 * TrainingReport report = net.fit(train, Fit.epochs(5).batchSize(128).shuffle(1).validation(test));
 * }</pre>
 *
 * <p>What it promises: every forward and backward pass is a fixed sequence of backend operations on whole
 * batches (no loop over examples or weights); parameters, gradients and optimizer state stay in the backend's
 * memory and are updated in place; per batch only the loss (and, for labelled data, the predicted classes) is
 * read back; the tensors a batch needs are allocated on the first batch of each size and reused. The same
 * seed gives the same initial weights on every backend and dtype. {@link #save} and {@link #load} round-trip
 * the model bit for bit.
 *
 * <p>A model holds backend memory (parameters, gradients, optimizer state, and the tensors of the last few batch
 * sizes it ran) until {@link #close()}; the least recently used batch size's tensors are released when a
 * seventh size is needed. A closed model refuses every operation that computes.
 *
 * <p>A model is not thread-safe: use it from one thread at a time.
 */
public final class Mlp implements AutoCloseable {
    private static final int CACHED_BATCH_SIZES = 6;
    private static final int EVALUATION_BATCH = 256;

    private final Architecture architecture;
    private final Backend backend;
    private final List<DenseLayer> layers;
    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Workspace> eldest) {
            if (size() <= CACHED_BATCH_SIZES) {
                return false;
            }
            eldest.getValue().close();
            return true;
        }
    };
    private long step;
    private boolean closed;
    /** Whether every layer's optimizer is plain SGD, whose step {@link #trainStep} fuses into the backward pass. */
    private final boolean fusedSgd;
    /** The standardization's means and scales as (1, inputs) tensors; null without one. */
    private final Tensor means;
    private final Tensor scales;

    private Mlp(Architecture architecture, Backend backend, List<DenseLayer> layers) {
        this.architecture = architecture;
        this.backend = backend;
        this.layers = layers;
        this.fusedSgd = layers.stream().allMatch(DenseLayer::fusesSgd);
        Standardization s = architecture.standardization;
        this.means = s == null ? null : tensor(backend, architecture.dtype, s.means(), 1, architecture.inputs);
        this.scales = s == null ? null : tensor(backend, architecture.dtype, s.scales(), 1, architecture.inputs);
    }

    /** Starts the definition of a network. */
    public static MlpBuilder builder() {
        return new MlpBuilder();
    }

    /** A new network with initial weights drawn from the architecture's seed. */
    static Mlp create(Architecture architecture, Backend backend) {
        checkHostMemory(architecture);
        SplittableRandom random = new SplittableRandom(architecture.seed);
        List<double[]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int i = 0; i < architecture.layers.size(); i++) {
            LayerSpec spec = architecture.layers.get(i);
            weights.add(spec.initializer.sample(random.split(), architecture.inputsOf(i), spec.units));
            biases.add(new double[spec.units]);
        }
        return withParameters(architecture, backend, weights, biases);
    }

    /**
     * The initial weights of a layer are drawn on the host as doubles, then copied to the backend: refuses, naming
     * the layer, a layer whose weights cannot be held on this JVM's heap, before drawing any.
     */
    private static void checkHostMemory(Architecture architecture) {
        long heap = Runtime.getRuntime().maxMemory();
        for (int i = 0; i < architecture.layers.size(); i++) {
            long weights = (long) architecture.inputsOf(i) * architecture.layers.get(i).units;
            long bytes = weights * Double.BYTES;
            if (bytes > heap / 2) {
                throw new InvalidNetworkException("layer " + (i + 1) + ", dense(" + architecture.layers.get(i).units
                        + "): its " + weights + " weights are drawn on the host as " + bytes
                        + " bytes of doubles, more than half of the JVM's maximum heap (" + heap
                        + " bytes, -Xmx); use fewer units or a larger -Xmx");
            }
        }
    }

    /** A network with the given parameters (exact in the architecture's dtype). */
    static Mlp withParameters(Architecture architecture, Backend backend, List<double[]> weights, List<double[]> biases) {
        if (backend == null) {
            throw new InvalidNetworkException("build: backend is null; pass Backends.get() or Backends.get(name)");
        }
        if (!backend.capabilities().supports(architecture.dtype)) {
            throw new InvalidNetworkException("backend " + backend.name() + " does not run "
                    + architecture.dtype.numpyName() + " (it runs " + backend.capabilities().dtypes()
                    + "); choose another dtype(...) or backend");
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < architecture.layers.size(); i++) {
            LayerSpec spec = architecture.layers.get(i);
            int inputs = architecture.inputsOf(i);
            try {
                Tensor w = tensor(backend, architecture.dtype, weights.get(i), inputs, spec.units);
                Tensor b = tensor(backend, architecture.dtype, biases.get(i), spec.units);
                layers.add(new DenseLayer(backend, spec.activation, w, b, architecture.optimizer));
            } catch (InvalidNetworkException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidNetworkException("layer " + (i + 1) + ", dense(" + spec.units + ") with " + inputs
                        + " inputs does not fit backend " + backend.name() + ": " + e.getMessage(), e);
            }
        }
        return new Mlp(architecture, backend, Collections.unmodifiableList(layers));
    }

    private static Tensor tensor(Backend backend, DType dtype, double[] values, int... dims) {
        if (dtype == DType.FLOAT64) {
            return backend.fromArray(values, dims);
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return backend.fromArray(floats, dims);
    }

    // ---------------------------------------------------------------- training

    /**
     * Trains on {@code train} as {@code fit} says and reports each epoch.
     *
     * @throws InvalidNetworkException if the data's feature or target count does not match the network
     * @throws NonFiniteLossException  the first time a batch's loss is NaN or infinite, naming the epoch and batch
     */
    public TrainingReport fit(Dataset train, Fit fit) {
        checkOpen("fit");
        checkData("fit", train);
        if (fit.validation() != null) {
            checkData("fit (validation)", fit.validation());
        }
        int n = train.size();
        int batchSize = Math.min(fit.batchSize(), Math.max(n, 1));
        int batches = (n + batchSize - 1) / batchSize;
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom shuffler = fit.shuffleSeed().isPresent()
                ? new SplittableRandom(fit.shuffleSeed().getAsLong()) : null;
        TrainingListener listener = fit.listener();
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = 1; epoch <= fit.epochs(); epoch++) {
            if (shuffler != null) {
                Dataset.shuffle(order, shuffler);
            }
            long start = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int first = b * batchSize;
                Workspace ws = workspace(Math.min(batchSize, n - first));
                ws.batch.load(train, order, first);
                double loss = trainStep(ws, epoch, b + 1, batches, order, first);
                lossSum += loss * ws.rows;
                if (train.hasLabels()) {
                    correct += correct(ws);
                }
                listener.onBatch(epoch, b + 1, batches, loss);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation validation = fit.validation() == null ? null : evaluate(fit.validation());
            EpochResult result = new EpochResult(epoch, lossSum / n,
                    train.hasLabels() ? (double) correct / n : Double.NaN,
                    validation == null ? Double.NaN : validation.loss(),
                    validation == null ? Double.NaN : validation.accuracy(), seconds, n);
            results.add(result);
            listener.onEpoch(result);
        }
        return new TrainingReport(results);
    }

    /**
     * Forward, loss, backward and one optimizer step on the loaded batch, the examples {@code order[first..]} of
     * the training set; the batch's mean loss.
     */
    private double trainStep(Workspace ws, int epoch, int batch, int batches, int[] order, int first) {
        if (!fusedSgd) {
            double loss = computeGradients(ws);
            if (!Double.isFinite(loss)) {
                throw new NonFiniteLossException(epoch, batch, batches, loss, nonFiniteData(ws, order, first));
            }
            optimizerStep();
            return loss;
        }
        // Plain SGD: each layer's step fused into its backward pass (see DenseLayer.parameterBackwardAndStep).
        double loss = forwardLoss(ws);
        if (!Double.isFinite(loss)) {
            throw new NonFiniteLossException(epoch, batch, batches, loss, nonFiniteData(ws, order, first));
        }
        step++;
        int last = layers.size() - 1;
        for (int i = last; i >= 0; i--) {
            if (i < last) {
                layers.get(i).activationBackward(ws.layers[i + 1].dx, ws.layers[i]);
            }
            Tensor input = i == 0 ? firstInput(ws) : ws.layers[i - 1].a;
            layers.get(i).parameterBackwardAndStep(input, ws.layers[i]);
        }
        return loss;
    }

    /**
     * Where the loaded batch (the training examples {@code order[first..]}) holds its first NaN or infinite
     * feature or target, as the batch tensors hold them; null when all are finite. Read back only after a
     * non-finite loss, to tell bad data from divergence.
     */
    private String nonFiniteData(Workspace ws, int[] order, int first) {
        String[] names = {"feature", "target"};
        Tensor[] tensors = {ws.batch.x, ws.batch.y};
        for (int t = 0; t < tensors.length; t++) {
            double[] values = backend.toDoubleArray(tensors[t]);
            int columns = tensors[t].shape().dim(1);
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    return names[t] + " " + values[i] + " at example " + order[first + i / columns]
                            + " of the training set, column " + i % columns + " (from 0)";
                }
            }
        }
        return null;
    }

    /** One step of the optimizer with the gradients in the layers' gradient tensors. */
    private void optimizerStep() {
        step++;
        for (DenseLayer layer : layers) {
            layer.update(step);
        }
    }

    // ---------------------------------------------------------------- gradients and parameters

    /**
     * The mean loss on all of {@code batch} (one batch) and its gradient with respect to every parameter, read
     * back in the layout {@link Gradients} documents; parameters and optimizer state are unchanged. Together with
     * {@link #applyGradients} this is one step of {@link #fit}: {@code net.applyGradients(net.gradients(b))}
     * changes the parameters exactly as a one-batch epoch of {@code fit} on {@code b} does.
     *
     * @throws InvalidNetworkException if the data's feature or target count does not match the network, or it is
     *                                 empty
     */
    public Gradients gradients(Dataset batch) {
        checkOpen("gradients");
        checkData("gradients", batch);
        Workspace ws = workspace(batch.size());
        int[] order = new int[batch.size()];
        Arrays.setAll(order, i -> i);
        ws.batch.load(batch, order, 0);
        double loss = computeGradients(ws);
        long correct = batch.hasLabels() ? correct(ws) : -1;
        double[] values = new double[parameterCount()];
        int offset = 0;
        for (DenseLayer layer : layers) {
            offset = append(backend.toDoubleArray(layer.weightGradient), values, offset);
            offset = append(backend.toDoubleArray(layer.biasGradient), values, offset);
        }
        int[][] layout = layout();
        return new Gradients(layout[0], layout[1], loss, batch.size(), correct, values);
    }

    /**
     * One step of this network's optimizer (with its momentum or Adam state and step count, and weight decay)
     * along {@code gradients}: the update {@link #fit} makes after each batch, for gradients computed elsewhere,
     * for example summed over the partitions of a distributed batch.
     *
     * @throws IllegalArgumentException if the gradients have another network's layout
     */
    public void applyGradients(Gradients gradients) {
        checkOpen("applyGradients");
        if (gradients == null || !gradients.fits(this)) {
            throw new IllegalArgumentException("applyGradients: " + gradients + " do not have the layout of " + this);
        }
        double[] values = gradients.values();
        int offset = 0;
        for (DenseLayer layer : layers) {
            offset = copyInto(values, offset, layer.weightGradient);
            offset = copyInto(values, offset, layer.biasGradient);
        }
        optimizerStep();
    }

    /** The number of parameters: {@code Σ (inputs + 1) × units} over the layers. */
    public int parameterCount() {
        int count = 0;
        for (DenseLayer layer : layers) {
            count = Math.addExact(count, Math.multiplyExact(layer.inputs + 1, layer.units));
        }
        return count;
    }

    /**
     * A copy of every parameter in one flat array: for each layer in order, its weights ((inputs, units),
     * row-major) then its biases; the layout of {@link Gradients}.
     */
    public double[] parameterValues() {
        checkOpen("parameterValues");
        double[] values = new double[parameterCount()];
        int offset = 0;
        for (DenseLayer layer : layers) {
            offset = append(backend.toDoubleArray(layer.weights), values, offset);
            offset = append(backend.toDoubleArray(layer.bias), values, offset);
        }
        return values;
    }

    /**
     * Overwrites every parameter with {@code values} (in the layout of {@link #parameterValues()}, rounded to
     * the model's dtype); optimizer state and step count are kept. {@code net.setParameterValues(
     * other.parameterValues())} makes {@code net} predict as {@code other} does on the same backend and dtype.
     *
     * @throws IllegalArgumentException if {@code values} does not have {@link #parameterCount()} entries or one
     *                                  of them is not finite; nothing is changed then
     */
    public void setParameterValues(double[] values) {
        checkOpen("setParameterValues");
        if (values == null || values.length != parameterCount()) {
            throw new IllegalArgumentException("setParameterValues: " + (values == null ? "null" : values.length
                    + " values") + ", but " + this + " has " + parameterCount() + " parameters");
        }
        Gradients.checkFinite("setParameterValues", values);
        int offset = 0;
        for (DenseLayer layer : layers) {
            offset = copyInto(values, offset, layer.weights);
            offset = copyInto(values, offset, layer.bias);
        }
    }

    private static int append(double[] part, double[] values, int offset) {
        System.arraycopy(part, 0, values, offset, part.length);
        return offset + part.length;
    }

    private int copyInto(double[] values, int offset, Tensor dst) {
        int n = dst.size();
        if (architecture.dtype == DType.FLOAT64) {
            backend.copyFrom(Arrays.copyOfRange(values, offset, offset + n), dst);
        } else {
            float[] floats = new float[n];
            for (int i = 0; i < n; i++) {
                floats[i] = (float) values[offset + i];
            }
            backend.copyFrom(floats, dst);
        }
        return offset + n;
    }

    /** Each layer's input count, then each layer's unit count. */
    int[][] layout() {
        int[][] layout = new int[2][layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            layout[0][i] = layers.get(i).inputs;
            layout[1][i] = layers.get(i).units;
        }
        return layout;
    }

    /** Forward, loss and backward on the loaded batch, parameters unchanged; the batch's mean loss. */
    double computeGradients(Workspace ws) {
        double loss = forwardLoss(ws);
        int last = layers.size() - 1;
        for (int i = last; i >= 0; i--) {
            if (i < last) {
                layers.get(i).activationBackward(ws.layers[i + 1].dx, ws.layers[i]);
            }
            Tensor input = i == 0 ? firstInput(ws) : ws.layers[i - 1].a;
            layers.get(i).parameterBackward(input, ws.layers[i]);
        }
        return loss;
    }

    /** The mean loss on the loaded batch; the output layer's gradient is left in the workspace. */
    double forwardLoss(Workspace ws) {
        forward(ws.batch.x, ws, !ws.head.activatesOutput());
        LayerBuffers out = ws.output();
        return ws.head.lossAndGradient(out.z, out.a, ws.batch.y, out.dz);
    }

    private Tensor forward(Tensor x, Workspace ws) {
        return forward(x, ws, true);
    }

    /** The forward pass; the last layer's activation is left to the loss when {@code outputActivation} is false. */
    private Tensor forward(Tensor x, Workspace ws, boolean outputActivation) {
        Tensor activation = x;
        if (means != null) {
            backend.subtract(x, means, ws.standardized);
            backend.divide(ws.standardized, scales, ws.standardized);
            activation = ws.standardized;
        }
        int last = layers.size() - 1;
        for (int i = 0; i < layers.size(); i++) {
            activation = layers.get(i).forward(activation, ws.layers[i], i < last || outputActivation);
        }
        return activation;
    }

    /** The first layer's input in the last forward pass: the batch, standardized where the network does so. */
    private Tensor firstInput(Workspace ws) {
        return means == null ? ws.batch.x : ws.standardized;
    }

    /** How many examples of the loaded batch the last forward pass classified correctly. */
    private int correct(Workspace ws) {
        Tensor a = ws.output().a;
        int[] labels = ws.batch.labels;
        int hits = 0;
        if (architecture.outputs() > 1) {
            int[] predicted = backend.argmax(a, 1);
            for (int i = 0; i < ws.rows; i++) {
                hits += predicted[i] == labels[i] ? 1 : 0;
            }
        } else {
            double[] p = backend.toDoubleArray(a);
            for (int i = 0; i < ws.rows; i++) {
                hits += (p[i] >= 0.5 ? 1 : 0) == labels[i] ? 1 : 0;
            }
        }
        return hits;
    }

    /**
     * Releases the parameters, gradients, optimizer state and every cached batch size's tensors. Idempotent;
     * afterwards the model's computing methods throw {@link IllegalStateException}, its description
     * ({@link #toString()}, {@link #layerCount()}, ...) stays readable.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Workspace ws : workspaces.values()) {
            ws.close();
        }
        workspaces.clear();
        for (DenseLayer layer : layers) {
            layer.close();
        }
        LayerBuffers.closeAll(means, scales);
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": " + this + " is closed");
        }
    }

    /** The workspace for batches of {@code rows}, created on first use. */
    Workspace workspace(int rows) {
        return workspaces.computeIfAbsent(rows, r -> new Workspace(backend, architecture, r));
    }

    private void checkData(String op, Dataset data) {
        if (data == null) {
            throw new InvalidNetworkException(op + ": dataset is null");
        }
        if (data.featureCount() != architecture.inputs || data.targetCount() != architecture.outputs()) {
            throw new InvalidNetworkException(op + ": the network maps " + architecture.inputs + " inputs to "
                    + architecture.outputs() + " outputs, but the data has " + data.featureCount()
                    + " features and " + data.targetCount() + " targets per example");
        }
        if (data.size() == 0) {
            throw new InvalidNetworkException(op + ": dataset is empty");
        }
    }

    // ---------------------------------------------------------------- using the model

    /** The mean loss and the accuracy on {@code data}, parameters unchanged. */
    public Evaluation evaluate(Dataset data) {
        checkOpen("evaluate");
        checkData("evaluate", data);
        if (architecture.loss != Loss.MSE && !data.hasLabels()) {
            throw new InvalidNetworkException("evaluate: the network is a classifier (" + architecture.loss
                    + " loss) but the dataset has no class labels (regression data); evaluate it on"
                    + " Dataset.classification or Dataset.binary data");
        }
        int n = data.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        double lossSum = 0;
        long correct = 0;
        for (int first = 0; first < n; first += EVALUATION_BATCH) {
            Workspace ws = workspace(Math.min(EVALUATION_BATCH, n - first));
            ws.batch.load(data, order, first);
            lossSum += forwardLoss(ws) * ws.rows;
            if (data.hasLabels()) {
                correct += correct(ws);
            }
        }
        return new Evaluation(lossSum / n, data.hasLabels() ? (double) correct / n : Double.NaN, n);
    }

    /**
     * The network's outputs for the rows of {@code x} (shape (n, inputs), on this model's backend and dtype):
     * a new (n, outputs) tensor, class probabilities for a softmax output.
     */
    public Tensor predict(Tensor x) {
        checkOpen("predict");
        checkInput("predict", x);
        Workspace ws = workspace(x.shape().dim(0));
        Tensor out = backend.zeros(Shape.of(ws.rows, architecture.outputs()), architecture.dtype);
        backend.copy(forward(x, ws), out);
        return out;
    }

    /**
     * The predicted class of each row of {@code x}: the index of the largest output, or for a single output
     * 1 where it is at least 0.5 and 0 elsewhere.
     */
    public int[] predictClasses(Tensor x) {
        checkOpen("predictClasses");
        checkInput("predictClasses", x);
        Workspace ws = workspace(x.shape().dim(0));
        Tensor a = forward(x, ws);
        if (architecture.outputs() > 1) {
            return backend.argmax(a, 1);
        }
        double[] p = backend.toDoubleArray(a);
        int[] classes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            classes[i] = p[i] >= 0.5 ? 1 : 0;
        }
        return classes;
    }

    private void checkInput(String op, Tensor x) {
        if (x == null) {
            throw new InvalidNetworkException(op + ": input is null");
        }
        if (x.backend() != backend) {
            throw new InvalidNetworkException(op + ": input lives on backend " + x.backend().name()
                    + " but the model on " + backend.name() + "; convert it with x.to(model.backend())");
        }
        if (x.dtype() != architecture.dtype) {
            throw new InvalidNetworkException(op + ": input is " + x.dtype().numpyName() + " but the model is "
                    + architecture.dtype.numpyName() + "; convert it with x.as(DType." + architecture.dtype + ")");
        }
        if (x.rank() != 2 || x.shape().dim(1) != architecture.inputs || x.shape().dim(0) == 0) {
            throw new InvalidNetworkException(op + ": input of shape " + x.shape() + " is not (n," + architecture.inputs
                    + ") with n > 0");
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * Writes the architecture and parameters to {@code file} in the format {@link ModelFile} documents,
     * atomically: a reader sees the old file or the complete new one, never a partial one.
     *
     * @throws IllegalStateException if a parameter is NaN or infinite (the message names the layer and the
     *                               index); nothing is written then
     */
    public void save(Path file) throws IOException {
        checkOpen("save");
        ModelFile.write(this, file);
    }

    /**
     * Reads a model written by {@link #save} onto {@code backend}. Its predictions equal the saved model's bit
     * for bit on the same backend. Optimizer state (momentum, Adam moments) is not saved: training continues
     * from fresh state.
     *
     * @throws ModelFileException     if the file is not a vecnn model, of an unsupported version, truncated or
     *                                 corrupted, or holds a NaN or infinite parameter; nothing is loaded then
     * @throws InvalidNetworkException if {@code backend} is null or cannot run the file's dtype
     */
    public static Mlp load(Path file, Backend backend) throws IOException {
        return ModelFile.read(file, backend);
    }

    /**
     * Writes this network to {@code file} as an ONNX model (opset {@value org.vecnn.nn.onnx.Onnx#OPSET}, this
     * model's dtype, a dynamic batch dimension, input {@code "input"}, output {@code "output"}) that ONNX Runtime
     * and other ONNX tools run; see {@link org.vecnn.nn.onnx.Onnx}.
     */
    public void saveOnnx(Path file) throws IOException {
        checkOpen("saveOnnx");
        org.vecnn.nn.onnx.Onnx.save(this, file);
    }

    /**
     * Reads the multilayer perceptron in the ONNX model {@code file} (as PyTorch, skl2onnx, tf2onnx or
     * {@link #saveOnnx} write it) onto {@code backend}, ready to predict, evaluate, train further with
     * {@link org.vecnn.nn.onnx.Onnx#DEFAULT_OPTIMIZER} and save; see {@link org.vecnn.nn.onnx.Onnx#load(Path,
     * Backend, Loss, Optimizer)} to choose the optimizer and loss.
     *
     * @throws ModelFileException if the file is not an ONNX model vecnn imports; the message says why
     */
    public static Mlp loadOnnx(Path file, Backend backend) throws IOException {
        return org.vecnn.nn.onnx.Onnx.load(file, backend);
    }

    /** {@link #loadOnnx(Path, Backend)} with the optimizer (and loss, or null to infer it) to train further with. */
    public static Mlp loadOnnx(Path file, Backend backend, Loss loss, Optimizer optimizer) throws IOException {
        return org.vecnn.nn.onnx.Onnx.load(file, backend, loss, optimizer);
    }

    // ---------------------------------------------------------------- introspection

    /** The backend the parameters live on. */
    public Backend backend() {
        return backend;
    }

    /** The element type of parameters and computations. */
    public DType dtype() {
        return architecture.dtype;
    }

    /** The number of input features. */
    public int inputSize() {
        return architecture.inputs;
    }

    /** The number of outputs. */
    public int outputSize() {
        return architecture.outputs();
    }

    /** The number of dense layers. */
    public int layerCount() {
        return layers.size();
    }

    /** The width of layer {@code layer} (from 0). */
    public int units(int layer) {
        return layers.get(layer).units;
    }

    /** The activation of layer {@code layer} (from 0). */
    public Activation activation(int layer) {
        return layers.get(layer).activation;
    }

    /** The loss. */
    public Loss loss() {
        return architecture.loss;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return architecture.optimizer;
    }

    /** The input standardization the network applies before its first layer, if it has one. */
    public java.util.Optional<Standardization> standardization() {
        return java.util.Optional.ofNullable(architecture.standardization);
    }

    /** The seed the initial weights were drawn from. */
    public long seed() {
        return architecture.seed;
    }

    /** A copy of layer {@code layer}'s weights, (inputs, units) row-major. */
    public double[] weights(int layer) {
        checkOpen("weights");
        return backend.toDoubleArray(layers.get(layer).weights);
    }

    /** A copy of layer {@code layer}'s biases. */
    public double[] biases(int layer) {
        checkOpen("biases");
        return backend.toDoubleArray(layers.get(layer).bias);
    }

    /** The parameter tensors, weights then bias for each layer: live, for {@link GradientCheck}. */
    List<Tensor> parameters() {
        List<Tensor> parameters = new ArrayList<>();
        for (DenseLayer layer : layers) {
            parameters.add(layer.weights);
            parameters.add(layer.bias);
        }
        return parameters;
    }

    /** The gradient tensors, in the order of {@link #parameters()}, as the last backward pass left them. */
    List<Tensor> gradients() {
        List<Tensor> gradients = new ArrayList<>();
        for (DenseLayer layer : layers) {
            gradients.add(layer.weightGradient);
            gradients.add(layer.biasGradient);
        }
        return gradients;
    }

    Architecture architecture() {
        return architecture;
    }

    /** E.g. {@code Mlp(784 -> dense(256, relu) -> dense(10, softmax), cross_entropy, sgd(lr=0.1), float32 on loops)}. */
    @Override
    public String toString() {
        return "Mlp(" + architecture.describe() + " on " + backend.name() + ")";
    }
}
