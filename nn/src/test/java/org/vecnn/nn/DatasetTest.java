package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vecnn.Backends;
import org.vecnn.DType;
import org.vecnn.Backend;

class DatasetTest {
    private final Backend loops = Backends.get("loops");

    private static Dataset numbered(int n) {
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            labels[i] = i % 3;
        }
        return Dataset.classification(x, 2, labels, 3);
    }

    @Test
    void classificationTargetsAreOneHot() {
        Dataset data = numbered(4);
        assertThat(data.size()).isEqualTo(4);
        assertThat(data.targetCount()).isEqualTo(3);
        assertThat(data.targetArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0);
        assertThat(data.targets(loops, DType.FLOAT64).shape().dims()).containsExactly(4, 3);
        assertThat(data.features(loops, DType.FLOAT32).toFloatArray()).containsExactly(0, 0, 1, -1, 2, -2, 3, -3);
        assertThat(Dataset.binary(new float[] {1, 2}, 1, new int[] {1, 0}).targetArray()).containsExactly(1, 0);
    }

    @Test
    void refusesInconsistentData() {
        assertThatThrownBy(() -> Dataset.classification(new float[5], 2, new int[] {0, 1}, 2))
                .hasMessageContaining("5 feature values are not 2 labels of 2 features");
        assertThatThrownBy(() -> Dataset.classification(new float[4], 2, new int[] {0, 3}, 3))
                .hasMessageContaining("label 3 of example 1 is not in [0, 3)");
        assertThatThrownBy(() -> Dataset.binary(new float[2], 1, new int[] {0, 2})).hasMessageContaining("label 2");
        assertThatThrownBy(() -> Dataset.regression(new float[4], 2, new float[3], 2)).hasMessageContaining("multiple");
    }

    @Test
    void splitIsADeterministicPartition() {
        Dataset data = numbered(100);
        Dataset.Split split = data.split(0.7, 5);
        assertThat(split.train().size()).isEqualTo(70);
        assertThat(split.test().size()).isEqualTo(30);
        Set<Float> seen = new HashSet<>();
        for (Dataset part : List.of(split.train(), split.test())) {
            float[] x = part.featureArray();
            for (int i = 0; i < part.size(); i++) {
                assertThat(x[2 * i + 1]).isEqualTo(-x[2 * i]);
                assertThat(part.label(i)).isEqualTo((int) x[2 * i] % 3);
                seen.add(x[2 * i]);
            }
        }
        assertThat(seen).hasSize(100);
        assertThat(data.split(0.7, 5).test().featureArray()).containsExactly(split.test().featureArray());
        assertThat(data.split(0.7, 6).test().featureArray()).isNotEqualTo(split.test().featureArray());
    }

    @Test
    void batchesCoverTheDataInOrder() {
        Dataset data = numbered(7);
        List<Integer> sizes = new ArrayList<>();
        List<Float> firsts = new ArrayList<>();
        for (Batch batch : data.batches(loops, DType.FLOAT64, 3)) {
            sizes.add(batch.size());
            firsts.add(batch.features().toFloatArray()[0]);
            assertThat(batch.targets().shape().dims()).containsExactly(batch.size(), 3);
            assertThat(batch.offset()).isEqualTo(firsts.size() * 3 - 3);
        }
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(firsts).containsExactly(0f, 3f, 6f);
        assertThat(data.slice(2, 5).featureArray()).containsExactly(2, -2, 3, -3, 4, -4);
    }
}
