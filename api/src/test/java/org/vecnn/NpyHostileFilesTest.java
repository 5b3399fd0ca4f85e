package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.io.NpyFormatException;
import org.vecnn.spi.Kernels;

/**
 * Files made to hurt: each ends in an {@link NpyFormatException} (or, for limits, a
 * {@link TensorArgumentException}) naming the file, before the body's array is allocated.
 */
class NpyHostileFilesTest {
    private final TestBackends.Counting kernels = new TestBackends.Counting();
    private final Backend backend = Backend.of("counting", kernels);

    @TempDir
    Path temp;

    /** A .npy file of {@code version} with {@code dict} as its header (padded as NumPy pads) and {@code body}. */
    static byte[] npy(int version, String dict, byte[] body) {
        byte[] text = dict.getBytes(version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lengthBytes = version == 1 ? 2 : 4;
        int total = 8 + lengthBytes + text.length + 1;
        total += 64 - total % 64;
        ByteBuffer b = ByteBuffer.allocate(total + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            b.putShort((short) (total - 10));
        } else {
            b.putInt(total - 8 - lengthBytes);
        }
        b.put(text);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').put(body);
        return b.array();
    }

    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(temp.resolve(name), bytes);
    }

    private void refused(Path file, String... texts) {
        assertThatThrownBy(() -> backend.load(file)).isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContainingAll(texts);
        assertThat(kernels.allocations).as("nothing allocated").hasValue(0);
    }

    @Test
    void aHeaderDeclaringTwoToTheFortyElementsIsRefusedBeforeAllocating() throws IOException {
        Path f = file("huge.npy", npy(1, dict("<f8", "(1099511627776,)"), new byte[64]));
        refused(f, "truncated", "(1099511627776,)", "8796093022208 bytes", "64 bytes follow");
        Path g = file("huge2.npy", npy(2, dict("<f4", "(1048576, 1048576)"), new byte[0]));
        refused(g, "truncated", "(1048576, 1048576)");
    }

    @Test
    void moreElementsThanATensorHoldsIsRefusedEvenWhenTheFileSizeIsNotKnown() throws IOException {
        byte[] bytes = npy(1, dict("|u1", "(65536, 65536)"), new byte[0]);
        assertThatThrownBy(() -> org.vecnn.io.Npy.read(new java.io.ByteArrayInputStream(bytes), -1, "stream", null,
                org.vecnn.io.AllocationCheck.heap()))
                .isInstanceOf(NpyFormatException.class).hasMessageContaining("4294967296 elements");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<x9", "f4", "<f", "", "<f4 ", "|f8", "<i16", "?"})
    void aBadDtypeStringIsRefusedNamingIt(String descr) throws IOException {
        Path f = file("dtype.npy", npy(1, dict(descr, "(2,)"), new byte[32]));
        refused(f, "'" + descr + "'");
    }

    @Test
    void aTruncatedBodyIsRefused() throws IOException {
        Path f = file("short.npy", npy(1, dict("<f8", "(2, 3)"), new byte[40]));
        refused(f, "truncated", "48 bytes", "40 bytes follow");
    }

    @Test
    void aHeaderLongerThanTheFileIsRefused() throws IOException {
        byte[] bytes = npy(1, dict("<f8", "(1,)"), new byte[8]);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 60000);
        refused(file("longheader.npy", bytes), "truncated", "60000 bytes");
        byte[] v2 = npy(2, dict("<f8", "(1,)"), new byte[8]);
        ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE);
        refused(file("longheader2.npy", v2), "truncated", Integer.toString(Integer.MAX_VALUE));
    }

    @Test
    void aFileEndingInsideTheMagicOrVersionIsRefused() throws IOException {
        refused(file("empty.npy", new byte[0]), "not a .npy file");
        refused(file("magic.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1}), "truncated");
        refused(file("text.npy", "hello, world".getBytes(StandardCharsets.US_ASCII)), "not a .npy file");
    }

    @Test
    void anUnknownVersionIsRefused() throws IOException {
        byte[] bytes = npy(1, dict("<f8", "(1,)"), new byte[8]);
        bytes[6] = 4;
        refused(file("v4.npy", bytes), "version 4.0");
    }

    @Test
    void aV3HeaderThatIsNotUtf8IsRefused() throws IOException {
        byte[] bytes = npy(3, dict("<f8", "(1,)"), new byte[8]);
        bytes[13] = (byte) 0xff;
        refused(file("v3.npy", bytes), "not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f8', 'shape': (2,), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3], }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2), }",
        "{'descr': '<f8', 'fortran_order': 'no', 'shape': (2,), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } trailing",
        "{'descr': __import__('os').system('false'), 'fortran_order': False, 'shape': (2,), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,), }",
        "{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
        "['descr', '<f8']",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 'a'), }",
        "{'descr': '<f8\\x00', 'fortran_order': False, 'shape': (2,), }",
        "{1: '<f8', 'fortran_order': False, 'shape': (2,), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ((((((((((((((((((2,),),),),),),),),),),),),),),),),),),), }",
    })
    void aMalformedHeaderDictIsRefused(String header) throws IOException {
        refused(file("bad.npy", npy(1, header, new byte[16])), ".npy header");
    }

    @Test
    void aPickledObjectArrayIsRefusedWithoutReadingThePickle() throws IOException {
        // the bytes of a pickle that would run a command if unpickled; vecnn stops at the dtype
        byte[] pickle = "cos\nsystem\n(S'touch /tmp/vecnn-pwned'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
        refused(file("pickle.npy", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", pickle)),
                "'|O'", "pickle");
        assertThat(Path.of("/tmp/vecnn-pwned")).doesNotExist();
    }

    @Test
    void theBackendsElementLimitIsCheckedBeforeAllocating() throws IOException {
        Backend small = Backend.of("small", new org.vecnn.spi.ForwardingKernels(new TestBackends.Counting()) {
            @Override
            public long maxElements(DType dtype) {
                return 5;
            }
        });
        Path f = file("six.npy", npy(1, dict("<f4", "(2, 3)"), new byte[24]));
        assertThatThrownBy(() -> small.load(f)).isInstanceOf(TensorArgumentException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("more than backend 'small' holds");
    }

    @Test
    void aBackendWithoutTheDtypeSaysSoBeforeReading() throws IOException {
        Backend floatOnly = Backend.of("float-only", new org.vecnn.spi.ForwardingKernels(new TestBackends.Counting()) {
            @Override
            public java.util.Set<DType> dtypes() {
                return java.util.EnumSet.of(DType.FLOAT32);
            }
        });
        Path f = file("f8.npy", npy(1, dict("<f8", "(2,)"), new byte[16]));
        assertThatThrownBy(() -> floatOnly.load(f)).isInstanceOf(IncompatibleTensorsException.class)
                .hasMessageContaining("float64");
        assertThat(floatOnly.load(f, DType.FLOAT32).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void loadOfAnArchiveAndLoadAllOfAnNpySayWhichToUse() throws IOException {
        Path npz = temp.resolve("a.npz");
        backend.saveAll(npz, java.util.Map.of("x", backend.fromArray(new float[] {1}, 1)));
        assertThatThrownBy(() -> backend.load(npz)).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("zip archive");
        Path npy = file("a.npy", npy(1, dict("<f8", "(1,)"), new byte[8]));
        assertThatThrownBy(() -> backend.loadAll(npy)).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("not a zip archive").hasMessageContaining("it is an .npy file");
    }

    @Test
    void aDirectoryIsNotReadAsAFile() {
        assertThatThrownBy(() -> backend.load(temp)).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> backend.load(temp.resolve("missing.npy")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("missing.npy");
    }

    // ---------------------------------------------------------------- archives

    /** A zip of one entry named {@code name} holding {@code content}, stored or deflated. */
    static byte[] zip(String name, byte[] content, boolean deflate) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry(name);
            if (!deflate) {
                CRC32 crc = new CRC32();
                crc.update(content);
                e.setMethod(ZipEntry.STORED);
                e.setSize(content.length);
                e.setCompressedSize(content.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Overwrites the uncompressed size in the central directory (what java.util.zip.ZipFile reads). */
    static byte[] declareSize(byte[] zip, long size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = zip.length - 46; i >= 0; i--) {
            if (b.getInt(i) == 0x02014b50) {
                b.putInt(i + 24, (int) size);
                return zip;
            }
        }
        throw new AssertionError("no central directory");
    }

    private void archiveRefused(Path file, String... texts) {
        assertThatThrownBy(() -> backend.loadAll(file)).isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContainingAll(texts);
        assertThat(kernels.allocations).as("nothing allocated").hasValue(0);
    }

    @Test
    void aDeflatedEntryDeclaringMoreThanDeflateCanExpandIsRefused() throws IOException {
        byte[] content = npy(1, dict("<f8", "(4,)"), new byte[32]);
        byte[] lying = declareSize(zip("x.npy", content, true), 0x7fff_0000L);
        archiveRefused(file("bomb.npz", lying), "x.npy", "more than deflate can expand");
    }

    @Test
    void anEntryWhoseDeclaredSizeDisagreesWithItsHeaderIsRefused() throws IOException {
        byte[] content = npy(1, dict("<f8", "(4,)"), new byte[40]);
        archiveRefused(file("extra.npz", zip("x.npy", content, true)), "x.npy", "declares " + content.length,
                "header says " + (content.length - 8));
        byte[] small = declareSize(zip("x.npy", npy(1, dict("<f8", "(4,)"), new byte[32]), true), 100);
        archiveRefused(file("small.npz", small), "x.npy", "truncated");
    }

    @Test
    void anEntryDeclaringTwoToTheFortyElementsIsRefusedBeforeAllocating() throws IOException {
        byte[] content = npy(1, dict("<f4", "(1099511627776,)"), new byte[16]);
        archiveRefused(file("huge.npz", zip("x.npy", content, false)), "x.npy", "truncated", "(1099511627776,)");
        archiveRefused(file("huge-deflated.npz", zip("x.npy", content, true)), "x.npy", "truncated");
    }

    @Test
    void aCorruptEntryFailsItsCrc() throws IOException {
        byte[] content = npy(1, dict("<f8", "(4,)"), new byte[32]);
        byte[] zip = zip("x.npy", content, false);
        // flip a byte of the stored body (the local header is 30 bytes plus the name)
        zip[30 + 5 + content.length - 1] ^= 1;
        archiveRefused(file("crc.npz", zip), "x.npy", "CRC-32");
    }

    @Test
    void anEntryThatIsNotAnNpyIsRefused() throws IOException {
        archiveRefused(file("txt.npz", zip("notes.txt", new byte[] {'h', 'i'}, false)), "notes.txt",
                "not an .npy array");
    }

    @Test
    void aPickledEntryIsRefused() throws IOException {
        byte[] content = npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        archiveRefused(file("pickle.npz", zip("o.npy", content, false)), "o.npy", "'|O'");
    }

    @Test
    void anArchiveThatIsNoZipIsRefused() throws IOException {
        archiveRefused(file("junk.npz", new byte[100]), "not a zip archive");
    }

    @Test
    void oneBadEntryFailsTheWholeArchiveNamingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("good.npy"));
            zip.write(npy(1, dict("<f8", "(1,)"), new byte[8]));
            zip.putNextEntry(new ZipEntry("bad.npy"));
            zip.write(npy(1, dict("<c16", "(1,)"), new byte[16]));
        }
        Path f = file("mixed.npz", bytes.toByteArray());
        assertThatThrownBy(() -> backend.loadAll(f)).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("bad.npy").hasMessageContaining("'<c16'");
    }
}
