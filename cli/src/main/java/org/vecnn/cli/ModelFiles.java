package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.vecnn.Backend;
import org.vecnn.nn.Mlp;

/** The model files the commands read: an ONNX model ({@code .onnx}) or a vecnn model file (anything else). */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Whether {@code file} is read as ONNX: its name ends in {@code .onnx}. */
    static boolean isOnnx(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** The model in {@code file} on {@code backend}. */
    static Mlp load(Path file, Backend backend) throws IOException {
        return isOnnx(file) ? Mlp.loadOnnx(file, backend) : Mlp.load(file, backend);
    }
}
