package org.vecnn.nn.data;

import org.vecnn.nn.Dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written here byte by byte, as the format describes them; nothing is downloaded. */
class IdxTest {
    @TempDir
    Path dir;

    private static byte[] idx(int type, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(type);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(payload);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsEveryType() throws IOException {
        Idx bytes = Idx.read(write("u8", idx(0x08, new int[] {2, 2}, new byte[] {0, 1, (byte) 200, (byte) 255}), false));
        assertThat(bytes.dims()).containsExactly(2, 2);
        assertThat(bytes.values()).containsExactly(0, 1, 200, 255);
        assertThat(Idx.read(write("s8", idx(0x09, new int[] {2}, new byte[] {-3, 4}), false)).values()).containsExactly(-3, 4);
        assertThat(Idx.read(write("i16", idx(0x0B, new int[] {1}, new byte[] {(byte) 0xFF, (byte) 0xFE}), false)).values())
                .containsExactly(-2);
        assertThat(Idx.read(write("i32", idx(0x0C, new int[] {1}, new byte[] {0, 1, 0, 0}), false)).values())
                .containsExactly(65536);
        assertThat(Idx.read(write("f32", idx(0x0D, new int[] {1}, new byte[] {0x3F, (byte) 0xC0, 0, 0}), false)).values())
                .containsExactly(1.5f);
        assertThat(Idx.read(write("f64", idx(0x0E, new int[] {1}, new byte[] {(byte) 0xC0, 0, 0, 0, 0, 0, 0, 0}), false))
                .values()).containsExactly(-2f);
    }

    @Test
    void refusesBrokenFiles() throws IOException {
        byte[] good = idx(0x08, new int[] {2, 3}, new byte[6]);
        Path truncated = write("t", Arrays.copyOf(good, good.length - 1), false);
        assertThatThrownBy(() -> Idx.read(truncated)).hasMessageContaining("truncated");
        Path longer = write("l", Arrays.copyOf(good, good.length + 1), false);
        assertThatThrownBy(() -> Idx.read(longer)).hasMessageContaining("data after the 6 values");
        Path magic = write("m", new byte[] {1, 0, 8, 1, 0, 0, 0, 0}, false);
        assertThatThrownBy(() -> Idx.read(magic)).hasMessageContaining("not an IDX file");
        Path type = write("y", idx(0x07, new int[] {1}, new byte[1]), false);
        assertThatThrownBy(() -> Idx.read(type)).hasMessageContaining("unknown IDX data type 0x7");
    }

    @Test
    void loadsMnistShapedFilesGzippedOrNot() throws IOException {
        byte[] pixels = new byte[3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 4);
        }
        for (boolean gzip : new boolean[] {false, true}) {
            Path images = write("images" + gzip, idx(0x08, new int[] {3, 4, 5}, pixels), gzip);
            Path labels = write("labels" + gzip, idx(0x08, new int[] {3}, new byte[] {7, 0, 9}), gzip);
            Dataset data = Mnist.load(images, labels);
            assertThat(data.size()).isEqualTo(3);
            assertThat(data.featureCount()).isEqualTo(20);
            assertThat(data.classCount()).isEqualTo(10);
            assertThat(data.labels()).containsExactly(7, 0, 9);
            assertThat(data.featureArray()[1]).isEqualTo(4 / 255f);
            assertThat(data.featureArray()[59]).isEqualTo(236 / 255f);
        }
        Path images = write("images", idx(0x08, new int[] {3, 4, 5}, pixels), false);
        Path twoLabels = write("two", idx(0x08, new int[] {2}, new byte[] {1, 2}), false);
        assertThatThrownBy(() -> Mnist.load(images, twoLabels)).hasMessageContaining("2 labels for the 3 images");
        Path badLabel = write("bad", idx(0x08, new int[] {3}, new byte[] {1, 10, 2}), false);
        assertThatThrownBy(() -> Mnist.load(images, badLabel)).hasMessageContaining("label 10 of image 1");
    }
}
