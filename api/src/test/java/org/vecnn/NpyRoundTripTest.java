package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vecnn's files read back by vecnn, and by NumPy itself where python3 with numpy is installed. */
class NpyRoundTripTest {
    private final Backend backend = Backend.of("counting", new TestBackends.Counting());

    @TempDir
    Path temp;

    /** Float32 values whose bits must survive: NaN payloads, -0.0, infinities, subnormals, extremes. */
    private static final float[] F4 = {Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00000), -0f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 1f / 3, -1.5e-40f, 7f,
        Float.MIN_NORMAL, -2f};
    private static final double[] F8 = {Double.longBitsToDouble(0x7ff8000000000001L), Double.longBitsToDouble(0x7ff0000000000001L),
        -0d, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1d / 3, -1e-310,
        Math.PI, Double.MIN_NORMAL, -2d};

    private Map<String, Tensor> arrays() {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("f4", backend.fromArray(F4, 3, 4));
        arrays.put("f8", backend.fromArray(F8, 2, 3, 2));
        arrays.put("scalar", backend.fromArray(new double[] {-2.5}, Shape.scalar()));
        arrays.put("empty", backend.fromArray(new float[0], 0, 3));
        arrays.put("vector", backend.fromArray(new float[] {1, 2, 3}, 3));
        return arrays;
    }

    @Test
    void saveThenLoadKeepsEveryBit() throws IOException {
        for (Map.Entry<String, Tensor> e : arrays().entrySet()) {
            Path f = temp.resolve(e.getKey() + ".npy");
            e.getValue().save(f);
            Tensor back = backend.load(f);
            assertThat(back.dtype()).isEqualTo(e.getValue().dtype());
            assertThat(back.shape()).isEqualTo(e.getValue().shape());
            assertThat(NpyFixturesTest.bits(back)).as(e.getKey()).isEqualTo(NpyFixturesTest.bits(e.getValue()));
        }
    }

    @Test
    void saveAllThenLoadAllKeepsNamesOrderAndBitsStoredAndDeflated() throws IOException {
        Map<String, Tensor> arrays = arrays();
        Path stored = temp.resolve("stored.npz");
        Path deflated = temp.resolve("deflated.npz");
        backend.saveAll(stored, arrays);
        backend.saveAllCompressed(deflated, arrays);
        for (Path f : List.of(stored, deflated)) {
            Map<String, Tensor> back = backend.loadAll(f);
            assertThat(back.keySet()).containsExactlyElementsOf(arrays.keySet());
            for (String name : arrays.keySet()) {
                assertThat(back.get(name).shape()).isEqualTo(arrays.get(name).shape());
                assertThat(NpyFixturesTest.bits(back.get(name))).isEqualTo(NpyFixturesTest.bits(arrays.get(name)));
            }
        }
        try (ZipFile zip = new ZipFile(stored.toFile()); ZipFile z2 = new ZipFile(deflated.toFile())) {
            assertThat(zip.getEntry("f4.npy").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(z2.getEntry("f4.npy").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        }
    }

    @Test
    void loadWithADtypeConverts() throws IOException {
        Path f = temp.resolve("f8.npy");
        backend.fromArray(new double[] {0.1, 1e300}, 2).save(f);
        Tensor t = backend.load(f, DType.FLOAT32);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.toFloatArray()).containsExactly(0.1f, Float.POSITIVE_INFINITY);
    }

    @Test
    void integersThatFloat32CannotHoldAreRefusedWhenFloat32IsAsked() throws Exception {
        Path dir = Path.of(NpyRoundTripTest.class.getResource("/npy/manifest.tsv").toURI()).getParent();
        assertThat(backend.load(dir.resolve("i2_le.npy"), DType.FLOAT32).toFloatArray())
                .containsExactly(-32768, -1, 0, 1, 32767, 300);
        assertThatThrownBy(() -> backend.load(dir.resolve("i4_le.npy"), DType.FLOAT32))
                .isInstanceOf(org.vecnn.io.NpyFormatException.class).hasMessageContaining("2147483647")
                .hasMessageContaining("float32 cannot hold exactly");
    }

    @Test
    void savingAClosedTensorOrNothingIsAClearError() {
        Tensor t = backend.fromArray(new float[] {1}, 1);
        t.close();
        assertThatThrownBy(() -> t.save(temp.resolve("c.npy"))).isInstanceOf(TensorArgumentException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> backend.saveAll(temp.resolve("e.npz"), Map.of()))
                .isInstanceOf(TensorArgumentException.class).hasMessageContaining("no tensors");
    }

    /**
     * NumPy loads what vecnn wrote, bit for bit. Runs where {@code python3 -c 'import numpy'} succeeds and is
     * skipped, saying so, where it does not; fails there under {@code -Dvecnn.requireAll=true}, as tests needing
     * other parts of the machine do.
     */
    @Test
    void numpyLoadsWhatVecnnWroteBitForBit() throws Exception {
        if (!numpyAvailable()) {
            String missing = "python3 with numpy is not installed (apt-get install python3-numpy): NumPy's side of the"
                    + " round trip is not checked";
            // as org.vecnn.tck.Environment does (api cannot depend on the tck): CI's -Dvecnn.requireAll=true fails
            Assertions.assertFalse(Boolean.getBoolean("vecnn.requireAll"), missing + " (-Dvecnn.requireAll=true demands it)");
            Assumptions.assumeTrue(false, "not run for want of it: " + missing);
        }
        Map<String, Tensor> arrays = arrays();
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            e.getValue().save(temp.resolve(e.getKey() + ".npy"));
            expected.add(line(e.getKey() + ".npy", e.getValue()));
        }
        backend.saveAll(temp.resolve("stored.npz"), arrays);
        backend.saveAllCompressed(temp.resolve("deflated.npz"), arrays);
        for (String archive : List.of("stored.npz", "deflated.npz")) {
            for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                expected.add(line(archive + ":" + e.getKey(), e.getValue()));
            }
        }
        String script = String.join("\n",
                "import os, sys, numpy as np",
                "d = sys.argv[1]",
                "def show(name, a):",
                "    u = np.uint32 if a.dtype == np.float32 else np.uint64",
                "    w = 8 if a.dtype == np.float32 else 16",
                "    bits = ','.join('%0*x' % (w, v) for v in np.ascontiguousarray(a).reshape(-1).view(u))",
                "    print('\\t'.join([name, str(a.dtype), ','.join(map(str, a.shape)), bits]))",
                "for f in sorted(os.listdir(d)):",
                "    p = os.path.join(d, f)",
                "    if f.endswith('.npy'):",
                "        show(f, np.load(p, allow_pickle=False))",
                "    elif f.endswith('.npz'):",
                "        with np.load(p, allow_pickle=False) as z:",
                "            for k in z.files:",
                "                show(f + ':' + k, z[k])");
        Process p = new ProcessBuilder("python3", "-c", script, temp.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String line(String name, Tensor t) {
        StringBuilder shape = new StringBuilder();
        for (int d : t.shape().dims()) {
            shape.append(shape.length() == 0 ? "" : ",").append(d);
        }
        return name + "\t" + t.dtype().numpyName() + "\t" + shape + "\t" + NpyFixturesTest.bits(t);
    }

    static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
