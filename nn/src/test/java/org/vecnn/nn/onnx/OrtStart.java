package org.vecnn.nn.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ONNX Runtime's environment, started on a thread with a large stack. ONNX Runtime 1.29's native start-up reads the
 * process's command line (/proc/self/cmdline) and overflows a default thread stack (SIGSEGV, no JVM error report) when
 * that is a few kilobytes long, as a surefire or java -cp command line with a long class path can be. Once started, the environment is
 * used from any thread.
 */
final class OrtStart {
    private static final long STACK_BYTES = 256L << 20;

    private OrtStart() {
    }

    static OrtEnvironment environment() {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread start = new Thread(null, () -> {
            try {
                result.set(OrtEnvironment.getEnvironment());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "onnxruntime-start", STACK_BYTES);
        start.start();
        try {
            start.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ONNX Runtime started", e);
        }
        if (result.get() instanceof Throwable e) {
            throw new IllegalStateException("ONNX Runtime did not start: " + e, e);
        }
        return (OrtEnvironment) result.get();
    }
}
