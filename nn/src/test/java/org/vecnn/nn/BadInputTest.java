package org.vecnn.nn;

import org.vecnn.nn.data.Csv;
import org.vecnn.nn.data.Idx;
import org.vecnn.nn.data.DataFileException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.Backends;
import org.vecnn.Backend;

/**
 * Bad files and bad data: every case gives a clear error naming the file (and row and column, or layer) before
 * memory is committed; nothing hangs.
 */
class BadInputTest {
    private static final Duration QUICK = Duration.ofSeconds(20);
    private final Backend loops = Backends.get("loops");
    @TempDir
    Path dir;

    private static byte[] idxHeader(int type, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        return bytes.toByteArray();
    }

    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed to make a FIFO");
        return fifo;
    }

    // ---------------------------------------------------------------- declared sizes

    @Test
    void idxDeclaringMoreThanTheFileHoldsIsRefusedBeforeAllocating() throws IOException {
        Path file = Files.write(dir.resolve("huge.idx"), idxHeader(0x0E, 2_000_000_000));
        assertThatThrownBy(() -> Idx.read(file)).isInstanceOf(DataFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("[2000000000]").hasMessageContaining("the file has 8 bytes");
        Path big = Files.write(dir.resolve("big.idx"), idxHeader(0x08, 300_000_000));
        assertThatThrownBy(() -> Idx.read(big)).hasMessageContaining("truncated")
                .hasMessageContaining("300000000 values of 1 bytes");
    }

    @Test
    void gzippedIdxDeclaringTooMuchIsTruncatedNotOutOfMemory() throws IOException {
        Path file = dir.resolve("huge.idx.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(idxHeader(0x08, 20_000, 20_000));
            out.write(new byte[1000]);
        }
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> Idx.read(file))
                .isInstanceOf(DataFileException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("truncated"));
    }

    @Test
    void corruptGzipNamesTheFileAndTheProblem() throws IOException {
        Path file = Files.write(dir.resolve("bad.idx.gz"), new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> Idx.read(file)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("corrupt gzip data");
    }

    // ---------------------------------------------------------------- files that are not regular files

    @Test
    void fifosAndDevicesAreRefusedWithoutReading() throws Exception {
        Path fifo = fifo("pipe");
        assertTimeoutPreemptively(QUICK, () -> {
            assertThatThrownBy(() -> Mlp.load(fifo, loops)).hasMessageContaining(fifo.toString())
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> Idx.read(fifo)).hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> Csv.readClassification(fifo, -1, false)).hasMessageContaining("not a regular file");
        });
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero exists");
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> Mlp.load(zero, loops))
                .isInstanceOf(IOException.class).hasMessageContaining("/dev/zero: cannot read it as a model file")
                .hasMessageContaining("not a regular file"));
        assertThatThrownBy(() -> Csv.readRegression(dir, 1, false)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("it is a directory");
        assertThatThrownBy(() -> Idx.read(dir.resolve("missing"))).hasMessageContaining("missing: cannot read an IDX file: no such file");
    }

    // ---------------------------------------------------------------- CSV

    @Test
    void csvRefusesNonFiniteValuesWithLineAndColumnUnlessAllowed() throws IOException {
        for (String value : new String[] {"NaN", "Infinity", "-Infinity", "1e400", "1e39"}) {
            Path file = Files.writeString(dir.resolve("nf.csv"), "x,y,label\n1,2,0\n3," + value + ",1\n");
            assertThatThrownBy(() -> Csv.readClassification(file, -1, true)).isInstanceOf(DataFileException.class)
                    .hasMessageContaining(file + ": line 3, column 2: \"" + value + "\" is not a finite float");
            Dataset kept = Csv.readClassification(file, -1, true, NonFinite.ALLOW);
            assertThat(Float.isFinite(kept.featureArray()[3])).isFalse();
        }
        Path regression = Files.writeString(dir.resolve("r.csv"), "1,2\n3,nan\n");
        assertThatThrownBy(() -> Csv.readRegression(regression, 1, false))
                .hasMessageContaining("line 2, column 2: \"nan\"");
    }

    @Test
    void csvLabelsThatWouldMakeHugeClassCountsAreRefusedWithLineAndColumn() throws IOException {
        for (String label : new String[] {"300000000", "2147483646", "65536"}) {
            Path file = Files.writeString(dir.resolve("labels.csv"), "0.5,1\n0.25," + label + "\n");
            assertThatThrownBy(() -> Csv.readClassification(file, 1, false)).isInstanceOf(DataFileException.class)
                    .hasMessageContaining(file + ": line 2, column 2: label " + label)
                    .hasMessageContaining("more than the 65536 (Csv.MAX_CLASSES)");
        }
        Path fine = Files.writeString(dir.resolve("ok.csv"), "0.5,1\n0.25,65535\n");
        assertThat(Csv.readClassification(fine, 1, false).classCount()).isEqualTo(65536);
    }

    @Test
    void binaryCsvNamesTheFileAndSaysItIsNotText() throws IOException {
        Path file = Files.write(dir.resolve("binary.csv"), new byte[] {'1', ',', '2', '\n', (byte) 0xC3, (byte) 0x28, 0x7f});
        assertThatThrownBy(() -> Csv.readRegression(file, 1, false)).isInstanceOf(DataFileException.class)
                .hasMessageContaining(file + ": not UTF-8 text (a binary file?)");
        Path nul = Files.write(dir.resolve("nul.csv"), new byte[] {'1', ',', '2', '\n', 0, 0, 0});
        assertThatThrownBy(() -> Csv.readRegression(nul, 1, false)).hasMessageContaining("line 2: a NUL character");
    }

    // ---------------------------------------------------------------- datasets

    @Test
    void datasetsRefuseNonFiniteValuesNamingExampleAndColumn() {
        float[] x = {1, 2, 3, Float.NaN};
        assertThatThrownBy(() -> Dataset.classification(x, 2, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature NaN at example 1, column 1");
        assertThatThrownBy(() -> Dataset.regression(new float[] {1, 2}, 1, new float[] {0, Float.POSITIVE_INFINITY}, 1))
                .hasMessageContaining("target Infinity at example 1, column 0");
        assertThat(Dataset.classification(x, 2, new int[] {0, 1}, 2, NonFinite.ALLOW).size()).isEqualTo(2);
        assertThatThrownBy(() -> Dataset.classification(new float[4], 1, new int[4], Integer.MAX_VALUE - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one-hot classes");
    }

    @Test
    void sliceAndSubsetOutOfRangeAreIllegalArguments() {
        Dataset data = Dataset.regression(new float[] {1, 2, 3}, 1, new float[] {1, 2, 3}, 1);
        assertThatThrownBy(() -> data.slice(5, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slice: [5, 2)").hasMessageContaining("3 examples");
        assertThatThrownBy(() -> data.subset(new int[] {0, 99})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subset: index 99 (at position 1)");
        assertThatThrownBy(data::labels).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- networks

    @Test
    void networksTooLargeForATensorAreRefusedAtBuildNamingTheLayer() {
        assertThatThrownBy(() -> Mlp.builder().input(100_000).dense(100_000, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Optimizer.sgd(0.1)).build(loops))
                .isInstanceOf(InvalidNetworkException.class)
                .hasMessageContaining("layer 1, dense(100000): 100000 inputs x 100000 units = 10000000000 weights")
                .hasMessageContaining("more than the 2147483639");
    }

    @Test
    void networksTooLargeForTheHeapAreRefusedAtBuildNamingTheLayer() {
        long heap = Runtime.getRuntime().maxMemory();
        long units = heap / 2 / Double.BYTES / 30_000 + 1;
        assumeTrue(units * 30_000 < Integer.MAX_VALUE - 8, "the test JVM's heap is small enough for one tensor");
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> Mlp.builder().input(30_000)
                .dense((int) units, Activation.RELU).loss(Loss.MSE).optimizer(Optimizer.adam(0.1)).build(loops))
                .isInstanceOf(InvalidNetworkException.class)
                .hasMessageContaining("layer 1, dense(" + units + "): its " + units * 30_000 + " weights")
                .hasMessageContaining("maximum heap"));
    }

    @Test
    void fitStopsAtTheFirstNonFiniteLossNamingEpochAndBatch() {
        float[] x = new float[64];
        float[] y = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = i % 8;
            y[i] = 1e20f;
        }
        Dataset data = Dataset.regression(x, 1, y, 1);
        Mlp net = Mlp.builder().input(1).dense(4, Activation.RELU).dense(1, Activation.IDENTITY).loss(Loss.MSE)
                .optimizer(Optimizer.sgd(0.01)).seed(3).build(loops);
        assertThatThrownBy(() -> net.fit(data, Fit.epochs(3).batchSize(16)))
                .isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("at epoch 1, batch 1 of 4")
                .satisfies(e -> assertThat(((NonFiniteLossException) e).epoch()).isEqualTo(1));
        float[] moderate = new float[64];
        java.util.Arrays.fill(moderate, 3f);
        Mlp diverging = Mlp.builder().input(1).dense(4, Activation.IDENTITY).dense(1, Activation.IDENTITY)
                .loss(Loss.MSE).optimizer(Optimizer.sgd(50)).seed(3).build(loops);
        assertThatThrownBy(() -> diverging.fit(Dataset.regression(x, 1, moderate, 1), Fit.epochs(50).batchSize(16)))
                .isInstanceOf(NonFiniteLossException.class).hasMessageMatching("fit: the loss became (NaN|Infinity) at epoch \\d+, batch \\d of 4.*")
                .hasMessageContaining("learning rate")
                .satisfies(e -> assertThat(((NonFiniteLossException) e).dataNonFinite()).isFalse());
    }

    @Test
    void aNonFiniteLossFromNonFiniteDataBlamesTheDataNotTheLearningRate() {
        float[] x = new float[64 * 2];
        int[] labels = new int[64];
        for (int i = 0; i < 64; i++) {
            x[2 * i] = (i % 8) / 8f;
            x[2 * i + 1] = (i % 3) / 3f;
            labels[i] = i % 2;
        }
        x[2 * 37 + 1] = Float.NaN;
        Dataset data = Dataset.classification(x, 2, labels, 2, NonFinite.ALLOW);
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.1), Optimizer.adam(0.001)}) {
            Mlp net = Mlp.builder().input(2).dense(4, Activation.RELU).dense(2, Activation.SOFTMAX)
                    .loss(Loss.CROSS_ENTROPY).optimizer(optimizer).seed(3).build(loops);
            assertThatThrownBy(() -> net.fit(data, Fit.epochs(2).batchSize(16)))
                    .as(optimizer.toString()).isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("at epoch 1, batch 3 of 4")
                    .hasMessageContaining("the data held non-finite values (feature NaN at example 37 of the training"
                            + " set, column 1 (from 0))")
                    .hasMessageNotContaining("learning rate")
                    .satisfies(e -> assertThat(((NonFiniteLossException) e).dataNonFinite()).isTrue());
        }
        float[] y = new float[64];
        y[5] = Float.POSITIVE_INFINITY;
        Dataset targets = Dataset.regression(new float[64], 1, y, 1, NonFinite.ALLOW);
        Mlp regression = Mlp.builder().input(1).dense(1, Activation.IDENTITY).loss(Loss.MSE)
                .optimizer(Optimizer.sgd(0.1)).build(loops);
        assertThatThrownBy(() -> regression.fit(targets, Fit.epochs(1).batchSize(64).shuffle(4)))
                .hasMessageContaining("target Infinity at example 5 of the training set, column 0");
    }

    @Test
    void evaluatingRegressionDataOnAClassifierIsRefused() {
        Mlp classifier = Mlp.builder().input(2).dense(3, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY)
                .optimizer(Optimizer.sgd(0.1)).build(loops);
        Dataset regression = Dataset.regression(new float[] {1, 2}, 2, new float[] {0.2f, 0.3f, 0.5f}, 3);
        assertThatThrownBy(() -> classifier.evaluate(regression)).isInstanceOf(InvalidNetworkException.class)
                .hasMessageContaining("evaluate: the network is a classifier");
    }

    // ---------------------------------------------------------------- saving

    @Test
    void savingIntoAMissingDirectorySaysSo() {
        Mlp net = Mlp.builder().input(2).dense(1, Activation.IDENTITY).loss(Loss.MSE).optimizer(Optimizer.sgd(0.1))
                .build(loops);
        Path file = dir.resolve("no/such/dir/model.vecnn");
        assertThatThrownBy(() -> net.save(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void modelFilesGetTheModeOfAnyNewFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Mlp net = Mlp.builder().input(2).dense(1, Activation.IDENTITY).loss(Loss.MSE).optimizer(Optimizer.sgd(0.1))
                .build(loops);
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path model = dir.resolve("model.vecnn");
        net.save(model);
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertThat(Files.getPosixFilePermissions(model)).isEqualTo(expected);
        assertThat(expected).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
