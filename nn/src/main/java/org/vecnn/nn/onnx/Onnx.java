package org.vecnn.nn.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Properties;
import org.vecnn.Backend;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Loss;
import org.vecnn.nn.Mlp;
import org.vecnn.nn.MlpBuilder;
import org.vecnn.nn.io.ModelFileException;
import org.vecnn.nn.Optimizer;
import org.vecnn.nn.onnx.proto.OnnxProto.ModelProto;

/**
 * {@link Mlp}s as ONNX models, the format PyTorch, scikit-learn (skl2onnx) and Keras (tf2onnx) write and ONNX
 * Runtime runs; {@link Mlp#saveOnnx} and {@link Mlp#loadOnnx} call this class.
 *
 * <p>Export writes opset {@value #OPSET} (IR version {@value #IR_VERSION}) in the model's dtype: input
 * {@value #INPUT} of shape {@code (batch, inputs)} with a symbolic batch dimension, output {@value #OUTPUT} of shape
 * {@code (batch, outputs)}, one {@code Gemm} per layer and the activation's node; producer {@value #PRODUCER} and
 * vecnn's version; the loss in the metadata entry {@value #LOSS_KEY}. Import reads the MLP graphs {@code OnnxImport}
 * documents, whatever wrote them, and makes a trainable {@code Mlp}: it predicts, evaluates, trains further and
 * saves like any other.
 */
public final class Onnx {
    /** The name of an exported model's input. */
    public static final String INPUT = "input";
    /** The name of an exported model's output. */
    public static final String OUTPUT = "output";
    /** The symbolic name of the batch dimension. */
    public static final String BATCH = "batch";
    /** The ONNX operator set exported models use: every op vecnn writes has had its current form since then. */
    public static final int OPSET = 17;
    /** The ONNX IR version of exported models (the one that goes with opset 17). */
    public static final int IR_VERSION = 8;
    /** The producer name in exported models. */
    public static final String PRODUCER = "vecnn";
    /** The metadata key under which an exported model names its vecnn loss ({@code cross_entropy}, ...). */
    public static final String LOSS_KEY = "vecnn.loss";
    /** The optimizer of an imported model when none is given. */
    public static final Optimizer DEFAULT_OPTIMIZER = Optimizer.sgd(0.01);

    private Onnx() {
    }

    /**
     * Writes {@code mlp} to {@code file} as an ONNX model, atomically (a reader sees the old file or the whole new
     * one).
     */
    public static void save(Mlp mlp, Path file) throws IOException {
        writeAtomically(file, OnnxExport.model(mlp).toByteArray());
    }

    /**
     * The MLP in the ONNX model {@code file}, on {@code backend}, with {@link #DEFAULT_OPTIMIZER} and the loss
     * {@link #load(Path, Backend, Loss, Optimizer)} infers.
     */
    public static Mlp load(Path file, Backend backend) throws IOException {
        return load(file, backend, null, DEFAULT_OPTIMIZER);
    }

    /**
     * The MLP in the ONNX model {@code file}, on {@code backend}, in the model's dtype, set up to train further with
     * {@code optimizer} and {@code loss}; a null {@code loss} means the one a vecnn export names in its metadata,
     * else {@link Loss#CROSS_ENTROPY} for a softmax output, {@link Loss#BINARY_CROSS_ENTROPY} for a sigmoid output
     * and {@link Loss#MSE} for the rest.
     *
     * @throws ModelFileException if the file is not an ONNX model, is truncated or inconsistent, keeps weights in
     *                            external files, or holds a node vecnn does not import (the message names it, its
     *                            index and what is supported); nothing large is allocated before the checks
     */
    public static Mlp load(Path file, Backend backend, Loss loss, Optimizer optimizer) throws IOException {
        String name = file.toString();
        ModelProto model = parse(file);
        OnnxImport.Network network = OnnxImport.read(name, model);
        Activation output = network.layers().get(network.layers().size() - 1).activation();
        MlpBuilder builder = Mlp.builder().input(network.inputs()).dtype(network.dtype())
                .loss(loss != null ? loss : inferLoss(network.loss(), output))
                .optimizer(optimizer == null ? DEFAULT_OPTIMIZER : optimizer);
        long parameters = 0;
        for (OnnxImport.Layer layer : network.layers()) {
            builder.dense(layer.units(), layer.activation());
            parameters += layer.weights().length + (long) layer.bias().length;
        }
        if (parameters > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(name + ": " + parameters + " parameters, more than one vecnn model holds");
        }
        Mlp mlp = builder.build(backend);
        double[] values = new double[(int) parameters];
        int offset = 0;
        for (OnnxImport.Layer layer : network.layers()) {
            System.arraycopy(layer.weights(), 0, values, offset, layer.weights().length);
            offset += layer.weights().length;
            System.arraycopy(layer.bias(), 0, values, offset, layer.bias().length);
            offset += layer.bias().length;
        }
        try {
            mlp.setParameterValues(values);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": its weights cannot be loaded: " + e.getMessage(), e);
        }
        return mlp;
    }

    private static Loss inferLoss(String stored, Activation output) {
        if (stored != null) {
            for (Loss loss : Loss.values()) {
                if (loss.name().toLowerCase(Locale.ROOT).equals(stored)) {
                    return loss;
                }
            }
        }
        return switch (output.kind()) {
            case SOFTMAX -> Loss.CROSS_ENTROPY;
            case SIGMOID -> Loss.BINARY_CROSS_ENTROPY;
            default -> Loss.MSE;
        };
    }

    /**
     * The model in {@code file}: a regular file no larger than a fraction of the heap (protobuf holds the file's
     * bytes and its parsed copy, and the weights are then widened to doubles), checked before anything is read.
     */
    static ModelProto parse(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": cannot read the ONNX model: no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read the ONNX model: " + e, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ModelFileException(file + ": cannot read it as an ONNX model: it is "
                    + (attributes.isDirectory() ? "a directory" : "not a regular file"));
        }
        long heap = Runtime.getRuntime().maxMemory();
        long limit = Math.min(Integer.MAX_VALUE - 8L, heap / 8);
        if (attributes.size() > limit) {
            throw new ModelFileException(file + ": " + attributes.size() + " bytes is larger than an ONNX model this "
                    + "JVM imports: at most " + limit + " bytes (an eighth of the maximum heap, " + heap
                    + " bytes, -Xmx, and 2 GiB)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in.readNBytes((int) attributes.size()));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(file + ": not an ONNX model, or truncated or corrupted: " + e.getMessage(), e);
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file + ": cannot read the ONNX model: permission denied", e);
        }
    }

    /** The version of vecnn, as the build wrote it into vecnn-version.properties. */
    static String producerVersion() {
        Properties properties = new Properties();
        try (InputStream in = Onnx.class.getResourceAsStream("vecnn-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException(file + ": cannot save the ONNX model: the directory " + directory
                    + " does not exist or is not a directory");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": cannot save the ONNX model: it is a directory");
        }
        Path temporary = directory.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE); OutputStream out = Channels.newOutputStream(channel)) {
                out.write(content);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot save the ONNX model: " + e, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
