package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.io.NpyFormatException;

/**
 * The fixtures NumPy made (src/test/resources/npy, by make_fixtures.py; manifest.tsv says what each holds):
 * vecnn loads each bit for bit, writes the same bytes np.save wrote, and refuses what it must.
 */
class NpyFixturesTest {
    private final Backend backend = Backend.of("counting", new TestBackends.Counting());

    @TempDir
    Path temp;

    private static Path dir() throws URISyntaxException {
        return Path.of(NpyFixturesTest.class.getResource("/npy/manifest.tsv").toURI()).getParent();
    }

    @TestFactory
    Stream<DynamicTest> everyFixture() throws Exception {
        Path dir = dir();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("manifest.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "load" -> tests.add(DynamicTest.dynamicTest("load " + f[1], () -> load(dir, f)));
                case "save" -> tests.add(DynamicTest.dynamicTest("save " + f[1], () -> save(dir, f)));
                case "refuse" -> tests.add(DynamicTest.dynamicTest("refuse " + f[1], () -> refuse(dir, f)));
                default -> throw new AssertionError("manifest line " + line);
            }
        }
        assertThat(tests).hasSizeGreaterThan(70);
        return tests.stream();
    }

    private void load(Path dir, String[] f) throws IOException {
        Tensor t;
        int colon = f[1].indexOf(':');
        if (colon >= 0) {
            Map<String, Tensor> all = backend.loadAll(dir.resolve(f[1].substring(0, colon)));
            t = all.get(f[1].substring(colon + 1));
            assertThat(t).as(f[1]).isNotNull();
        } else {
            t = backend.load(dir.resolve(f[1]));
        }
        assertThat(t.dtype().numpyName()).as(f[1]).isEqualTo(f[2]);
        assertThat(t.shape()).as(f[1]).isEqualTo(shape(f[3]));
        assertThat(bits(t)).as(f[1]).isEqualTo(f[4]);
    }

    private void save(Path dir, String[] f) throws IOException {
        Tensor t = tensor(f[2], shape(f[3]), f[4]);
        Path written = temp.resolve(f[1]);
        t.save(written);
        assertThat(Files.readAllBytes(written)).as(f[1]).isEqualTo(Files.readAllBytes(dir.resolve(f[1])));
    }

    private void refuse(Path dir, String[] f) {
        assertThatThrownBy(() -> backend.load(dir.resolve(f[1])))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining(dir.resolve(f[1]).toString())
                .hasMessageContaining(f[2]);
    }

    static Shape shape(String text) {
        return text.isEmpty() ? Shape.scalar()
                : Shape.of(Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray());
    }

    /** The elements' bits as the manifest writes them: hex, 8 digits for float32, 16 for float64. */
    static String bits(Tensor t) {
        StringBuilder text = new StringBuilder();
        if (t.dtype() == DType.FLOAT32) {
            for (float v : t.toFloatArray()) {
                text.append(text.length() == 0 ? "" : ",").append(String.format("%08x", Float.floatToRawIntBits(v)));
            }
        } else {
            for (double v : t.toDoubleArray()) {
                text.append(text.length() == 0 ? "" : ",").append(String.format("%016x", Double.doubleToRawLongBits(v)));
            }
        }
        return text.toString();
    }

    Tensor tensor(String dtype, Shape shape, String bits) {
        String[] hex = bits.isEmpty() ? new String[0] : bits.split(",");
        if (dtype.equals("float32")) {
            float[] v = new float[hex.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[i], 16));
            }
            return backend.fromArray(v, shape);
        }
        double[] v = new double[hex.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.longBitsToDouble(Long.parseUnsignedLong(hex[i], 16));
        }
        return backend.fromArray(v, shape);
    }
}
