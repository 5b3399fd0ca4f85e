package org.vecnn.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.vecnn.Backend;
import org.vecnn.DType;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Initializer;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.MlpBuilder;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.Standardization;
import org.vecnn.nn.data.FileChecks;

/**
 * The vecnn model file, versions 1 and 2. All numbers big-endian; floats IEEE 754 bit patterns. A model without
 * input standardization is written as version 1, so that any vecnn reads it; one with it as version 2, which
 * adds the standardization block. Both are read.
 *
 * <pre>
 * size   field
 * 8      magic: the ASCII bytes "VECNNMLP"
 * 4      format version: 1 or 2
 * 1      dtype: 0 = float32, 1 = float64 (the width of every parameter below)
 * 1      loss: 0 = MSE, 1 = CROSS_ENTROPY, 2 = BINARY_CROSS_ENTROPY
 * 1      optimizer: 0 = SGD, 1 = MOMENTUM, 2 = ADAM
 * 5 x 8  optimizer learning rate, beta1 (momentum), beta2, epsilon, weight decay (float64)
 * 8      seed (int64)
 * 4      input features (int32, > 0)
 * 4      layer count L (int32, > 0)
 * L x 13 per layer: units (int32, > 0), activation (1 byte: 0 identity, 1 relu, 2 leaky relu, 3 sigmoid,
 *        4 tanh, 5 softmax), activation parameter (float64: the leaky ReLU slope, else 0)
 * 1      version 2 only: input standardization, 0 = none, 1 = present
 * 2I x 8 version 2 with standardization only: the I input means, then the I scales (float64; x' = (x - mean) / scale)
 * ...    per layer: weights (inputs x units, row-major), then biases (units), as float32 or float64
 * 4      CRC-32 (java.util.zip.CRC32, as an unsigned int32) of every byte before it
 * </pre>
 *
 * A reader checks the magic, then the version, then that the length is exactly what the header implies, then
 * the checksum, then every field, and only then creates tensors: a bad file never gives a half-loaded model.
 * A NaN or infinite parameter is refused on writing and on reading, naming the layer and the index (a file
 * whose checksum was recomputed over such values would otherwise load and predict NaN). Optimizer state is not
 * stored. A writer writes to a temporary file in the target's directory and moves it
 * into place atomically.
 *
 * <p>{@link Mlp#save} and {@link Mlp#load} are the usual way in. This codec works through the model's public
 * API only (its description, {@link Mlp#weights}, {@link Mlp#biases}; {@link Mlp#builder} and
 * {@link Mlp#setParameterValues} to read), as the ONNX one does.
 */
public final class ModelFile {
    static final byte[] MAGIC = "VECNNMLP".getBytes(StandardCharsets.US_ASCII);
    /** The version of a file without input standardization. */
    static final int VERSION = 1;
    /** The version of a file with the standardization block. */
    static final int VERSION_STANDARDIZED = 2;
    private static final int PREAMBLE = MAGIC.length + 4;
    private static final int FIXED_HEADER = PREAMBLE + 3 + 5 * 8 + 8 + 4 + 4;
    private static final int LAYER_HEADER = 4 + 1 + 8;
    private static final int CHECKSUM = 4;

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file}.
     *
     * @throws IllegalStateException if a parameter is NaN or infinite (naming the layer and the index); nothing is
     *                               written then
     * @throws IOException           if the file cannot be written; a previous file there is left as it was
     */
    public static void write(Mlp model, Path file) throws IOException {
        List<double[]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int i = 0; i < model.layerCount(); i++) {
            weights.add(model.weights(i));
            biases.add(model.biases(i));
        }
        write(file, model, weights, biases);
    }

    /** {@link #write(Mlp, Path)} with these parameters in place of the model's. */
    static void write(Path file, Mlp model, List<double[]> weights, List<double[]> biases) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Standardization standardization = model.standardization().orElse(null);
        out.write(MAGIC);
        out.writeInt(standardization == null ? VERSION : VERSION_STANDARDIZED);
        out.writeByte(FormatCodes.of(model.dtype()));
        out.writeByte(FormatCodes.of(model.loss()));
        Optimizer optimizer = model.optimizer();
        out.writeByte(FormatCodes.of(optimizer.kind()));
        out.writeDouble(optimizer.learningRate());
        out.writeDouble(optimizer.beta1());
        out.writeDouble(optimizer.beta2());
        out.writeDouble(optimizer.epsilon());
        out.writeDouble(optimizer.weightDecay());
        out.writeLong(model.seed());
        out.writeInt(model.inputSize());
        out.writeInt(model.layerCount());
        for (int i = 0; i < model.layerCount(); i++) {
            out.writeInt(model.units(i));
            out.writeByte(FormatCodes.of(model.activation(i).kind()));
            out.writeDouble(model.activation(i).slope());
        }
        if (standardization != null) {
            out.writeByte(1);
            writeValues(out, standardization.means(), true);
            writeValues(out, standardization.scales(), true);
        }
        boolean wide = model.dtype() == DType.FLOAT64;
        for (int i = 0; i < weights.size(); i++) {
            String refused = nonFinite(i, model.layerCount(), model.units(i), model.activation(i), weights.get(i),
                    biases.get(i), wide);
            if (refused != null) {
                throw new IllegalStateException(file + ": cannot save the model: " + refused
                        + "; the model diverged (a learning rate too large, unscaled or non-finite data): nothing"
                        + " was written");
            }
        }
        for (int i = 0; i < weights.size(); i++) {
            writeValues(out, weights.get(i), wide);
            writeValues(out, biases.get(i), wide);
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        out.flush();
        writeAtomically(file, bytes.toByteArray());
    }

    private static void writeValues(DataOutputStream out, double[] values, boolean wide) throws IOException {
        for (double v : values) {
            if (wide) {
                out.writeDouble(v);
            } else {
                out.writeFloat((float) v);
            }
        }
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            throw new IOException(file + ": cannot save the model: the directory " + directory
                    + (Files.exists(directory) ? " is not a directory" : " does not exist; create it first"));
        }
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": cannot save the model: it is a directory");
        }
        // A temporary file created with the default mode (0666 less the umask), as any file a user writes;
        // Files.createTempFile would make it 0600.
        Path temporary = directory.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                out.write(content);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(file + ": cannot save the model: permission denied in " + directory, e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot save the model: " + e, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a model written by {@link #write} onto {@code backend}; its predictions equal the written model's bit
     * for bit on the same backend. Optimizer state is not stored: training continues from fresh state.
     *
     * @throws ModelFileException                  if the file is not a vecnn model, of an unsupported version,
     *                                             truncated or corrupted, or holds a NaN or infinite parameter
     * @throws org.vecnn.nn.InvalidNetworkException if {@code backend} is null or cannot run the file's dtype
     */
    public static Mlp read(Path file, Backend backend) throws IOException {
        String name = file.toString();
        long length = FileChecks.regularFile(file, "a model file");
        long heap = Runtime.getRuntime().maxMemory();
        if (length > Integer.MAX_VALUE - 8 || length > heap / 2) {
            throw new ModelFileException(name + ": " + length + " bytes is larger than a model file this JVM can load"
                    + " (at most half of the maximum heap, " + heap + " bytes, and 2 GiB)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFileException(FileChecks.describe(file, "a model file", e).getMessage(), e);
        }
        if (bytes.length < PREAMBLE) {
            throw new ModelFileException(name + ": truncated: " + bytes.length + " bytes is shorter than the "
                    + PREAMBLE + "-byte preamble of a vecnn model file");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new ModelFileException(name + ": not a vecnn model file (no \"VECNNMLP\" magic)");
        }
        int version = in.getInt();
        if (version != VERSION && version != VERSION_STANDARDIZED) {
            throw new ModelFileException(name + ": unsupported model file version " + version + "; this vecnn reads"
                    + " versions " + VERSION + " and " + VERSION_STANDARDIZED);
        }
        try {
            return parse(name, version, in, bytes, backend);
        } catch (BufferUnderflowException e) {
            throw new ModelFileException(name + ": truncated: the header ends after " + bytes.length + " bytes", e);
        }
    }

    private static Mlp parse(String name, int version, ByteBuffer in, byte[] bytes, Backend backend)
            throws ModelFileException {
        DType dtype = code(name, "dtype", in.get(), DType.values(), FormatCodes::of);
        Loss loss = code(name, "loss", in.get(), Loss.values(), FormatCodes::of);
        Optimizer.Kind kind = code(name, "optimizer", in.get(), Optimizer.Kind.values(), FormatCodes::of);
        double learningRate = in.getDouble();
        double beta1 = in.getDouble();
        double beta2 = in.getDouble();
        double epsilon = in.getDouble();
        double weightDecay = in.getDouble();
        long seed = in.getLong();
        int inputs = in.getInt();
        int layerCount = in.getInt();
        if (inputs <= 0 || layerCount <= 0) {
            throw new ModelFileException(name + ": corrupted: " + inputs + " inputs, " + layerCount + " layers");
        }
        long expected = FIXED_HEADER + (long) layerCount * LAYER_HEADER + CHECKSUM;
        if (expected > bytes.length) {
            throw truncated(name, expected, bytes.length);
        }
        int[] units = new int[layerCount];
        Activation.Kind[] activations = new Activation.Kind[layerCount];
        double[] slopes = new double[layerCount];
        long parameters = 0;
        for (int i = 0; i < layerCount; i++) {
            units[i] = in.getInt();
            activations[i] = code(name, "activation", in.get(), Activation.Kind.values(), FormatCodes::of);
            slopes[i] = in.getDouble();
            if (units[i] <= 0) {
                throw new ModelFileException(name + ": corrupted: layer " + (i + 1) + " has " + units[i] + " units");
            }
            parameters += ((long) (i == 0 ? inputs : units[i - 1]) + 1) * units[i];
        }
        boolean standardized = false;
        if (version == VERSION_STANDARDIZED) {
            expected += 1;
            if (expected > bytes.length) {
                throw truncated(name, expected, bytes.length);
            }
            byte flag = in.get();
            if (flag != 0 && flag != 1) {
                throw new ModelFileException(name + ": corrupted: unknown standardization code " + flag);
            }
            standardized = flag == 1;
            if (standardized) {
                expected += 2L * inputs * Double.BYTES;
                if (expected > bytes.length) {
                    throw truncated(name, expected, bytes.length);
                }
            }
        }
        expected += parameters * dtype.byteSize();
        if (bytes.length != expected) {
            throw bytes.length < expected ? truncated(name, expected, bytes.length)
                    : new ModelFileException(name + ": corrupted: " + (bytes.length - expected)
                            + " bytes more than the " + expected + " the header describes");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CHECKSUM);
        int stored = ByteBuffer.wrap(bytes, bytes.length - CHECKSUM, CHECKSUM).getInt();
        if (stored != (int) crc.getValue()) {
            throw new ModelFileException(name + ": corrupted: CRC-32 checksum mismatch (stored "
                    + Integer.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()) + ")");
        }
        Standardization standardization = null;
        if (standardized) {
            double[] means = readValues(in, inputs, DType.FLOAT64);
            double[] scales = readValues(in, inputs, DType.FLOAT64);
            try {
                standardization = Standardization.of(means, scales);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(name + ": corrupted: " + e.getMessage(), e);
            }
        }
        MlpBuilder builder = Mlp.builder();
        try {
            builder.input(inputs).loss(loss).seed(seed).dtype(dtype)
                    .optimizer(optimizer(kind, learningRate, beta1, beta2, epsilon).withWeightDecay(weightDecay));
            for (int i = 0; i < layerCount; i++) {
                builder.dense(units[i], activation(activations[i], slopes[i]), Initializer.XAVIER);
            }
            if (standardization != null) {
                builder.standardize(standardization);
            }
            builder.validate();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": corrupted: invalid network definition: " + e.getMessage(), e);
        }
        double[] values = new double[Math.toIntExact(parameters)];
        int offset = 0;
        for (int i = 0; i < layerCount; i++) {
            double[] weights = readValues(in, (i == 0 ? inputs : units[i - 1]) * units[i], dtype);
            double[] biases = readValues(in, units[i], dtype);
            String refused = nonFinite(i, layerCount, units[i], activation(activations[i], slopes[i]), weights, biases,
                    true);
            if (refused != null) {
                throw new ModelFileException(name + ": corrupted: " + refused + "; a model with non-finite"
                        + " parameters predicts NaN");
            }
            System.arraycopy(weights, 0, values, offset, weights.length);
            offset += weights.length;
            System.arraycopy(biases, 0, values, offset, biases.length);
            offset += biases.length;
        }
        Mlp model = builder.build(backend);
        model.setParameterValues(values);
        return model;
    }

    private static Optimizer optimizer(Optimizer.Kind kind, double learningRate, double beta1, double beta2,
            double epsilon) {
        return switch (kind) {
            case SGD -> Optimizer.sgd(learningRate);
            case MOMENTUM -> Optimizer.momentum(learningRate, beta1);
            case ADAM -> Optimizer.adam(learningRate, beta1, beta2, epsilon);
        };
    }

    private static Activation activation(Activation.Kind kind, double slope) {
        return switch (kind) {
            case IDENTITY -> Activation.IDENTITY;
            case RELU -> Activation.RELU;
            case LEAKY_RELU -> Activation.leakyRelu(slope);
            case SIGMOID -> Activation.SIGMOID;
            case TANH -> Activation.TANH;
            case SOFTMAX -> Activation.SOFTMAX;
        };
    }

    /**
     * Where layer {@code layer}'s first non-finite parameter is (in its stored width), or null when every one is
     * finite: e.g. {@code layer 2 of 3, dense(10, softmax): weight [4, 7] (index 47 of 120) is NaN}.
     */
    static String nonFinite(int layer, int layers, int units, Activation activation, double[] weights,
            double[] biases, boolean wide) {
        String where = "layer " + (layer + 1) + " of " + layers + ", dense(" + units + ", " + activation + "): ";
        for (int i = 0; i < weights.length; i++) {
            if (!finite(weights[i], wide)) {
                return where + "weight [" + i / units + ", " + i % units + "] (index " + i + " of "
                        + weights.length + ") is " + stored(weights[i], wide);
            }
        }
        for (int i = 0; i < biases.length; i++) {
            if (!finite(biases[i], wide)) {
                return where + "bias " + i + " of " + biases.length + " is " + stored(biases[i], wide);
            }
        }
        return null;
    }

    private static boolean finite(double value, boolean wide) {
        return wide ? Double.isFinite(value) : Float.isFinite((float) value);
    }

    private static String stored(double value, boolean wide) {
        return wide ? Double.toString(value) : Float.toString((float) value);
    }

    private static ModelFileException truncated(String name, long expected, int actual) {
        return new ModelFileException(name + ": truncated: " + actual + " bytes of the " + expected
                + " the header describes");
    }

    private static <E extends Enum<E>> E code(String name, String field, byte code, E[] values,
            java.util.function.ToIntFunction<E> codeOf) throws ModelFileException {
        E value = FormatCodes.decode(code, values, codeOf);
        if (value == null) {
            throw new ModelFileException(name + ": corrupted: unknown " + field + " code " + code);
        }
        return value;
    }

    private static double[] readValues(ByteBuffer in, int count, DType dtype) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = dtype == DType.FLOAT64 ? in.getDouble() : in.getFloat();
        }
        return values;
    }
}
