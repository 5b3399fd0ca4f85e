package org.vecnn.nn.data;

import org.vecnn.nn.Dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void readsClassificationWithHeaderAndLabelColumn() throws IOException {
        Path file = dir.resolve("iris.csv");
        Files.writeString(file, "a,label,b\n1.5, 2, -3\n\n4,0,5e-1\n");
        Dataset data = Csv.readClassification(file, 1, true);
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.featureArray()).containsExactly(1.5f, -3f, 4f, 0.5f);
        assertThat(data.labels()).containsExactly(2, 0);
        assertThat(data.classCount()).isEqualTo(3);
        assertThat(Csv.readClassification(file, -2, true).labels()).containsExactly(2, 0);
    }

    @Test
    void readsRegression() throws IOException {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, "1,2,3,4\n5,6,7,8\n");
        Dataset data = Csv.readRegression(file, 2, false);
        assertThat(data.featureArray()).containsExactly(1, 2, 5, 6);
        assertThat(data.targetArray()).containsExactly(3, 4, 7, 8);
        assertThat(data.hasLabels()).isFalse();
    }

    @Test
    void namesLineAndColumnOfBadInput() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "1,2\n3,x\n");
        assertThatThrownBy(() -> Csv.readClassification(file, 0, false)).hasMessageContaining("line 2, column 2: \"x\"");
        Files.writeString(file, "1,2\n3,4,5\n");
        assertThatThrownBy(() -> Csv.readClassification(file, 0, false)).hasMessageContaining("line 2 has 3 columns");
        Files.writeString(file, "1.5,2\n");
        assertThatThrownBy(() -> Csv.readClassification(file, 0, false)).hasMessageContaining("not a non-negative integer");
        Files.writeString(file, "h\n");
        assertThatThrownBy(() -> Csv.readClassification(file, 0, true)).hasMessageContaining("no data rows");
    }

    @Test
    void aLabelColumnOfOneValueIsRefusedNotTurnedIntoTwoClasses() throws IOException {
        Path file = Files.writeString(dir.resolve("constant.csv"), "0,0.5,3\n0,0.25,7\n0,1,3\n");
        assertThatThrownBy(() -> Csv.readClassification(file, 0, false)).isInstanceOf(DataFileException.class)
                .hasMessageContaining(file + ": column 1 (label column 0) holds one value, 0, in all 3 rows: one class");
        assertThat(Csv.readClassification(file, -1, false).classCount()).isEqualTo(8);
    }

    @Test
    void aWordOnTheFirstLineSuggestsAHeader() throws IOException {
        Path file = Files.writeString(dir.resolve("headed.csv"), "\nx,label\n1,0\n");
        assertThatThrownBy(() -> Csv.readClassification(file, 1, false))
                .hasMessageContaining("line 2, column 1: \"x\" is not a number; if line 2 is a header, skip it"
                        + " (header = true; vecnn: --header)");
        Path later = Files.writeString(dir.resolve("later.csv"), "1,0\nx,1\n");
        assertThatThrownBy(() -> Csv.readClassification(later, 1, false)).hasMessageEndingWith("\"x\" is not a number");
    }
}
