package org.vecnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedDigitsTest {
    @Test
    void deterministicPerSeed() {
        Dataset a = Digits.generate(50, 12);
        Dataset b = Digits.generate(50, 12);
        Dataset c = Digits.generate(50, 13);
        assertThat(a.featureArray()).containsExactly(b.featureArray());
        assertThat(a.labels()).containsExactly(b.labels());
        assertThat(c.featureArray()).isNotEqualTo(a.featureArray());
    }

    @Test
    void balancedImagesInTheUnitRange() {
        Dataset data = Digits.generate(200, 1);
        assertThat(data.featureCount()).isEqualTo(784);
        assertThat(data.classCount()).isEqualTo(10);
        int[] perClass = new int[10];
        for (int label : data.labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsOnly(20);
        float[] x = data.featureArray();
        double ink = 0;
        for (float v : x) {
            assertThat(v).isBetween(0f, 1f);
            ink += v > 0.5f ? 1 : 0;
        }
        // Strokes cover a real part of the image, noise alone almost never exceeds 0.5.
        assertThat(ink / data.size()).isBetween(40.0, 300.0);
    }
}
