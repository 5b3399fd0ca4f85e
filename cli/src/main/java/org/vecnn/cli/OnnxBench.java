package org.vecnn.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.vecnn.Backend;
import org.vecnn.Tensor;
import org.vecnn.nn.Mlp;

/**
 * One engine's inference figures on the same exported model: latency of one sample (median and 99th percentile of
 * single calls), throughput at batch 128 and over 60,000 samples at once (medians of repeats). The engine is either
 * ONNX Runtime (Java API, CPU) on the ONNX file or vecnn's {@link Mlp} on one backend.
 */
final class OnnxBench {
    /** The figures of one engine; rates in samples per second, latencies in microseconds. */
    static final class Result {
        String engine;
        double latencyMedianMicros;
        double latencyP99Micros;
        double batchSamplesPerSecond;
        double allSamplesPerSecond;
        int batch;
        int samples;
        double maxDifferenceFromOrt;
    }

    /** Something that maps (rows, features) float32 inputs to outputs, timed as a unit. */
    interface Engine extends AutoCloseable {
        /** Prepares an input of {@code rows} rows (not timed). */
        Object input(float[] values, int rows) throws Exception;

        /** Runs the model on a prepared input; returns the outputs flattened (read back only when asked). */
        float[] run(Object input, boolean readBack) throws Exception;

        @Override
        void close() throws Exception;
    }

    private final int features;
    private final int batch;
    private final int samples;
    private final int latencyCalls;
    private final int repeats;
    private final float[] data;

    OnnxBench(int features, int batch, int samples, int latencyCalls, int repeats) {
        this.features = features;
        this.batch = batch;
        this.samples = samples;
        this.latencyCalls = latencyCalls;
        this.repeats = repeats;
        SplittableRandom random = new SplittableRandom(7);
        data = new float[samples * features];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
    }

    Result measure(String name, Engine engine, float[] reference) throws Exception {
        Result result = new Result();
        result.engine = name;
        result.batch = batch;
        result.samples = samples;
        Object one = engine.input(Arrays.copyOf(data, features), 1);
        Object batchInput = engine.input(Arrays.copyOf(data, batch * features), batch);
        Object all = engine.input(data, samples);
        for (int i = 0; i < latencyCalls; i++) {
            engine.run(one, false);
        }
        for (int i = 0; i < Math.max(20, repeats * 4); i++) {
            engine.run(batchInput, false);
        }
        engine.run(all, false);
        double[] latencies = new double[latencyCalls];
        for (int i = 0; i < latencyCalls; i++) {
            long start = System.nanoTime();
            engine.run(one, false);
            latencies[i] = (System.nanoTime() - start) / 1e3;
        }
        Arrays.sort(latencies);
        result.latencyMedianMicros = latencies[latencyCalls / 2];
        result.latencyP99Micros = latencies[(int) Math.ceil(latencyCalls * 0.99) - 1];
        double[] batchRates = new double[repeats];
        int callsPerRepeat = Math.max(1, 20_000 / batch);
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < callsPerRepeat; i++) {
                engine.run(batchInput, false);
            }
            batchRates[r] = (double) callsPerRepeat * batch / ((System.nanoTime() - start) / 1e9);
        }
        result.batchSamplesPerSecond = Spread.of(batchRates).median;
        double[] allRates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            engine.run(all, false);
            allRates[r] = samples / ((System.nanoTime() - start) / 1e9);
        }
        result.allSamplesPerSecond = Spread.of(allRates).median;
        float[] outputs = engine.run(batchInput, true);
        if (reference != null) {
            double max = 0;
            for (int i = 0; i < outputs.length; i++) {
                max = Math.max(max, Math.abs(outputs[i] - reference[i]));
            }
            result.maxDifferenceFromOrt = max;
        }
        return result;
    }

    /** ONNX Runtime's outputs for the batch input: the reference every vecnn engine is compared with. */
    float[] reference(Engine ort) throws Exception {
        return ort.run(ort.input(Arrays.copyOf(data, batch * features), batch), true);
    }

    /** ONNX Runtime (CPU execution provider, its default thread pool) on {@code model}. */
    static Engine ort(Path model) throws OrtException {
        OrtEnvironment env = OrtStart.environment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession session = env.createSession(model.toString(), options);
        String inputName = session.getInputNames().iterator().next();
        java.util.List<OnnxTensor> inputs = new java.util.ArrayList<>();
        return new Engine() {
            @Override
            public Object input(float[] values, int rows) throws OrtException {
                OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(values),
                        new long[] {rows, values.length / rows});
                inputs.add(tensor);
                return tensor;
            }

            @Override
            public float[] run(Object input, boolean readBack) throws OrtException {
                try (OrtSession.Result result = session.run(Map.of(inputName, (OnnxTensor) input))) {
                    if (!readBack) {
                        return null;
                    }
                    FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                    float[] values = new float[out.remaining()];
                    out.get(values);
                    return values;
                }
            }

            @Override
            public void close() throws OrtException {
                inputs.forEach(OnnxTensor::close);
                session.close();
                options.close();
            }
        };
    }

    /** vecnn's {@code mlp} (on its backend): {@link Mlp#predict}, the output read back only when asked. */
    static Engine vecnn(Mlp mlp) {
        Backend backend = mlp.backend();
        return new Engine() {
            @Override
            public Object input(float[] values, int rows) {
                return backend.fromArray(values, rows, values.length / rows);
            }

            @Override
            public float[] run(Object input, boolean readBack) {
                Tensor out = mlp.predict((Tensor) input);
                float[] values = readBack ? out.toFloatArray() : null;
                out.close();
                return values;
            }

            @Override
            public void close() {
            }
        };
    }
}
