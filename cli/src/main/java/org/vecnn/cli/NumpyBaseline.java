package org.vecnn.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs vecnn's copy of the NumPy MLP baseline ({@code numpy_mlp.py}, a resource of this module, extracted to a
 * temporary file) with {@code python3} as a user's NumPy runs: {@link #REMOVED} are taken out of that one child
 * process's environment (this machine sets them for old OpenBLAS builds; they slow a current NumPy).
 */
final class NumpyBaseline {
    /** The OpenBLAS overrides removed from the child's environment. */
    static final List<String> REMOVED = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");
    private static final long TIMEOUT_MINUTES = 30;

    /** What NumPy did, or why it did not run ({@code present} false, {@code reason} says why). */
    static final class Result {
        boolean present;
        String reason;
        String python;
        String numpyVersion;
        String blas;
        /** The variables that were set here and removed from NumPy's environment. */
        List<String> environmentRemoved = new ArrayList<>();
        /** OpenBLAS's core type NumPy ran on when it was chosen here (Haswell beside a JVM limited to AVX2), or null. */
        String coreType;
        int samples;
        /** Training samples per second, one value per epoch. */
        Spread train;
        /** Forward-pass samples per second over all samples, one value per pass. */
        Spread predict;
        List<Double> lossPerEpoch = new ArrayList<>();
        double lossFirst10Mean;
        double lossLast10Mean;
    }

    /** The OpenBLAS core type this run's NumPy processes get, or null for OpenBLAS's own choice. */
    private static String coreType;

    private NumpyBaseline() {
    }

    /** Runs {@code epochs} epochs of {@code samples} with {@code python}; absent when it or NumPy is missing. */
    static Result run(String python, int epochs, int samples, long seed) throws IOException, InterruptedException {
        Result result = new Result();
        result.python = python;
        // Like with like: a JVM limited to AVX2 (-XX:UseAVX=2) beside OpenBLAS's AVX2 kernels.
        result.coreType = MachineFacts.current().limitedToAvx2() ? "Haswell" : null;
        coreType = result.coreType;
        String check = tryRun(List.of(python, "-c", "import numpy"), null);
        if (check != null) {
            result.reason = "no " + python + " with NumPy on the PATH (" + check + ")";
            return result;
        }
        Path script = Files.createTempFile("vecnn-numpy-mlp", ".py");
        try {
            try (InputStream in = NumpyBaseline.class.getResourceAsStream("numpy_mlp.py")) {
                if (in == null) {
                    throw new IOException("numpy_mlp.py is missing from the vecnn-cli jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path output = Files.createTempFile("vecnn-numpy-mlp", ".json");
            try {
                String failure = tryRun(List.of(python, script.toString(), "--json", "--epochs", String.valueOf(epochs),
                        "--samples", String.valueOf(samples), "--seed", String.valueOf(seed)), output);
                if (failure != null) {
                    throw new IOException("the NumPy baseline failed: " + failure);
                }
                parse(Files.readString(output, StandardCharsets.UTF_8), result);
            } finally {
                Files.deleteIfExists(output);
            }
        } finally {
            Files.deleteIfExists(script);
        }
        for (String name : REMOVED) {
            if (System.getenv(name) != null) {
                result.environmentRemoved.add(name);
            }
        }
        result.present = true;
        return result;
    }

    private static void parse(String json, Result result) {
        JsonObject o = JsonParser.parseString(json.trim()).getAsJsonObject();
        result.numpyVersion = o.get("numpy").getAsString();
        result.blas = o.get("blas").getAsString();
        result.samples = o.get("samples").getAsInt();
        result.train = Spread.of(numbers(o.getAsJsonArray("samples_per_second_per_epoch")));
        result.predict = Spread.of(numbers(o.getAsJsonArray("predict_samples_per_second")));
        result.lossPerEpoch = numbers(o.getAsJsonArray("loss_per_epoch"));
        result.lossFirst10Mean = o.get("loss_first10_mean").getAsDouble();
        result.lossLast10Mean = o.get("loss_last10_mean").getAsDouble();
    }

    private static List<Double> numbers(JsonArray array) {
        List<Double> values = new ArrayList<>();
        array.forEach(e -> values.add(e.getAsDouble()));
        return values;
    }

    /**
     * Runs {@code command} without the OpenBLAS overrides, stdout to {@code output} (discarded if null);
     * null when it exits 0, else why not (its exit code and the end of its stderr, or the start failure).
     */
    private static String tryRun(List<String> command, Path output) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        REMOVED.forEach(environment::remove);
        if (coreType != null) {
            environment.put("OPENBLAS_CORETYPE", coreType);
        }
        builder.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        Path errors = Files.createTempFile("vecnn-numpy-mlp", ".err");
        builder.redirectError(errors.toFile());
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return "cannot start " + command.get(0) + ": " + e.getMessage();
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return command.get(0) + " did not finish in " + TIMEOUT_MINUTES + " minutes";
            }
            if (process.exitValue() == 0) {
                return null;
            }
            String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
            String tail = stderr.substring(Math.max(0, stderr.length() - 300));
            return command.get(0) + " exited with " + process.exitValue() + (tail.isEmpty() ? "" : ": " + tail);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
