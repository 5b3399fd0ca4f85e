package org.vecnn.nn.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.vecnn.DType;

/** Runs an ONNX model file in ONNX Runtime's Java API (CPU): the oracle every exported model is checked against. */
final class OrtRunner {
    private OrtRunner() {
    }

    /** The model's first output for {@code x} of shape {@code shape}, fed as {@code dtype}, flattened. */
    static double[] run(Path model, DType dtype, double[] x, long... shape) throws OrtException {
        OrtEnvironment env = OrtStart.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model.toString(), options)) {
            String input = session.getInputNames().iterator().next();
            try (OnnxTensor tensor = tensor(env, dtype, x, shape);
                    OrtSession.Result result = session.run(Map.of(input, tensor))) {
                OnnxValue value = result.get(0);
                OnnxTensor out = (OnnxTensor) value;
                if (dtype == DType.FLOAT64) {
                    DoubleBuffer buffer = out.getDoubleBuffer();
                    double[] y = new double[buffer.remaining()];
                    buffer.get(y);
                    return y;
                }
                FloatBuffer buffer = out.getFloatBuffer();
                double[] y = new double[buffer.remaining()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = buffer.get(i);
                }
                return y;
            }
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, DType dtype, double[] x, long[] shape) throws OrtException {
        if (dtype == DType.FLOAT64) {
            return OnnxTensor.createTensor(env, DoubleBuffer.wrap(x), shape);
        }
        float[] floats = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            floats[i] = (float) x[i];
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(floats), shape);
    }
}
