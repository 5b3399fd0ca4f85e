package org.vecnn.backend.aparapi;

import org.vecnn.tck.Environment;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.Backend;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Shape;
import org.vecnn.Tensor;
import org.vecnn.UnaryOp;

/**
 * The backend on the machine's OpenCL device (pocl in CI), with shared memory off (see the pom): it is
 * available, runs on OpenCL, and keeps intermediate results on the device.
 */
class AparapiBackendTest {
    private static AparapiBackend kernels;
    private static Backend frontEnd;

    /** The kernels, for their device programs; {@link #b()} is the front end over them. */
    private static synchronized AparapiBackend backend() {
        if (kernels == null) {
            BackendStatus status = Backends.report().stream().filter(s -> s.name().equals("aparapi")).findFirst().orElseThrow();
            Environment.require(status.available() ? null : "aparapi needs an OpenCL driver (Debian: ocl-icd-libopencl1 and "
                    + "pocl-opencl-icd, or a GPU vendor's ICD): " + status.detail());
            kernels = (AparapiBackend) new AparapiProvider().create();
            frontEnd = Backend.of("aparapi", kernels);
        }
        return kernels;
    }

    private static Backend b() {
        backend();
        return frontEnd;
    }

    @Test
    void runsOnAnOpenClDeviceWithSharedMemoryOff() {
        Backend b = b();
        assertThat(b.capabilities().device()).startsWith("OpenCL ");
        assertThat(backend().program(DType.FLOAT32).target().isOpenCL()).isTrue();
        assertThat(((com.aparapi.device.OpenCLDevice) backend().program(DType.FLOAT32).target().device()).isSharedMemory()).isFalse();
    }

    /** Forward, backward and update of a dense ReLU layer: only the inputs go up and only the loss comes back. */
    @Test
    void aTrainingStepStaysOnTheDevice() {
        Backend b = b();
        int n = 8;
        int in = 5;
        int out = 3;
        float[] xs = values(n * in, 1);
        float[] ws = values(in * out, 2);
        float[] bs = values(out, 3);
        Tensor x = b.fromArray(xs, n, in);
        Tensor w = b.fromArray(ws, in, out);
        Tensor bias = b.fromArray(bs, out);
        DeviceProgram program = backend().program(DType.FLOAT32);
        long[] before = program.transfers();

        Tensor z = x.matmul(w).add(bias);
        Tensor a = z.relu();
        Tensor dz = a.multiply(z.map(UnaryOp.RELU_DERIVATIVE));
        Tensor dw = b.matmulTransposeA(x, dz);
        Tensor db = dz.sum(0, false);
        b.axpy(-0.125, dw, w);
        b.axpy(-0.125, db, bias);
        Tensor loss = b.multiply(a, a).sum().scale(0.5);
        float got = loss.getFloat();

        long[] after = program.transfers();
        assertThat(after[0] - before[0]).as("elements uploaded during the step").isZero();
        assertThat(after[1] - before[1]).as("elements downloaded during the step").isEqualTo(1);
        float want = 0f;
        float[] zs = new float[n * out];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                float s = 0f;
                for (int p = 0; p < in; p++) {
                    s += xs[i * in + p] * ws[p * out + j];
                }
                zs[i * out + j] = Math.max(s + bs[j], 0f);
                want += zs[i * out + j] * zs[i * out + j];
            }
        }
        assertThat(got).isCloseTo(want * 0.5f, org.assertj.core.data.Offset.offset(1e-4f * Math.max(1f, want)));
        assertThat(w.toFloatArray()).isNotEqualTo(ws);
    }

    /** Several tiles in every direction and ragged edges, for the plain and both transposed loads. */
    @Test
    void productsSpanningManyTilesMatchPlainLoops() {
        Backend b = b();
        int m = 37;
        int k = 50;
        int n = 29;
        float[] a = values(m * k, 4);
        float[] c = values(k * n, 5);
        float[] want = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * c[p * n + j];
                }
                want[i * n + j] = s;
            }
        }
        Tensor ta = b.fromArray(a, m, k);
        Tensor tc = b.fromArray(c, k, n);
        org.assertj.core.data.Offset<Float> tolerance = org.assertj.core.data.Offset.offset(1e-4f);
        assertThat(b.matmul(ta, tc).toFloatArray()).containsExactly(want, tolerance);
        assertThat(b.matmulTransposeA(b.transpose(ta), tc).toFloatArray()).containsExactly(want, tolerance);
        assertThat(b.matmulTransposeB(ta, b.transpose(tc)).toFloatArray()).containsExactly(want, tolerance);
    }

    /** Reductions over a short and over a widely strided axis take different kernels; both give NumPy's answers. */
    @Test
    void reductionsAlongEveryAxisOfAWideMatrix() {
        Backend b = b();
        int rows = 70;
        int cols = 300;
        float[] x = values(rows * cols, 6);
        x[5 * cols + 7] = Float.NaN;
        x[9 * cols + 7] = Float.NaN;
        x[3 * cols + 8] = 9f;
        x[11 * cols + 8] = 9f;
        Tensor t = b.fromArray(x, rows, cols);
        float[] columnSums = b.sum(t, 0, false).toFloatArray();
        float[] columnMax = b.max(t, 0, false).toFloatArray();
        int[] columnArgmax = b.argmax(t, 0);
        float[] rowSums = b.sum(t, 1, false).toFloatArray();
        for (int c = 0; c < cols; c++) {
            float s = 0f;
            float best = x[c];
            int at = 0;
            for (int r = 0; r < rows; r++) {
                float v = x[r * cols + c];
                s += v;
                if (!Float.isNaN(best) && (v > best || Float.isNaN(v))) {
                    best = v;
                    at = r;
                }
            }
            if (c != 7) {
                assertThat(columnSums[c]).as("sum of column " + c).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-4f));
            }
            assertThat(Float.floatToIntBits(columnMax[c])).as("max of column " + c).isEqualTo(Float.floatToIntBits(best));
            assertThat(columnArgmax[c]).as("argmax of column " + c).isEqualTo(at);
        }
        assertThat(columnSums[7]).isNaN();
        assertThat(columnArgmax[7]).isEqualTo(5);
        assertThat(columnArgmax[8]).isEqualTo(3);
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int c = 0; c < cols; c++) {
                s += x[r * cols + c];
            }
            if (r != 5 && r != 9) {
                assertThat(rowSums[r]).as("sum of row " + r).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void dataSurvivesTheArenaGrowing() {
        Backend b = b();
        int size = 700_000;
        Tensor[] tensors = new Tensor[3];
        for (int t = 0; t < tensors.length; t++) {
            tensors[t] = b.fromArray(values(size, 10 + t), size);
        }
        for (int t = 0; t < tensors.length; t++) {
            float[] got = tensors[t].toFloatArray();
            assertThat(java.util.Arrays.mismatch(got, values(size, 10 + t))).as("first wrong element of tensor " + t).isEqualTo(-1);
        }
        assertThat(b.add(tensors[0], tensors[2]).getFloat(size - 1)).isEqualTo(values(size, 10)[size - 1] + values(size, 12)[size - 1]);
    }

    /** Slices of dead tensors are reused, fragmenting the arena; the live tensors must stay intact. */
    @Test
    void liveTensorsSurviveTheReuseOfDeadOnes() {
        Backend b = b();
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        java.util.List<Tensor> live = new java.util.ArrayList<>();
        java.util.List<float[]> contents = new java.util.ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 300; i++) {
                int size = 1 + random.nextInt(200);
                float[] data = values(size, round * 1000 + i);
                Tensor t = b.fromArray(data, size);
                if (random.nextBoolean()) {
                    live.add(t);
                    contents.add(data);
                }
            }
            System.gc();
        }
        for (int i = 0; i < live.size(); i++) {
            assertThat(java.util.Arrays.mismatch(live.get(i).toFloatArray(), contents.get(i))).as("tensor " + i).isEqualTo(-1);
        }
    }

    @Test
    void aDeviceNobodyHasIsAnErrorThatListsTheDevices() {
        backend();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceChoice.choose("no-such-device-42"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("-Dvecnn.aparapi.device=no-such-device-42")
                .hasMessageContaining("devices found: [");
    }

    private static float[] values(int n, int seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-2, 2);
        }
        return v;
    }
}
