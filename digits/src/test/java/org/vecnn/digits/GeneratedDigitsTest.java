package org.vecnn.digits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vecnn.tck.Environment;

class GeneratedDigitsTest {

    private static GeneratedDigits.Images generate(int count, long seed) {
        Environment.require(GeneratedDigits.unavailableReason());
        return GeneratedDigits.generate(count, seed);
    }

    @Test
    void deterministicPerSeed() {
        GeneratedDigits.Images a = generate(50, 12);
        GeneratedDigits.Images b = generate(50, 12);
        GeneratedDigits.Images c = generate(50, 13);
        assertThat(a.pixels()).containsExactly(b.pixels());
        assertThat(a.labels()).containsExactly(b.labels());
        assertThat(c.pixels()).isNotEqualTo(a.pixels());
    }

    @Test
    void balancedImagesInTheUnitRange() {
        GeneratedDigits.Images data = generate(200, 1);
        assertThat(data.count()).isEqualTo(200);
        assertThat(data.pixels()).hasSize(200 * GeneratedDigits.PIXELS);
        int[] perClass = new int[GeneratedDigits.CLASSES];
        for (int label : data.labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsOnly(20);
        double ink = 0;
        for (float v : data.pixels()) {
            assertThat(v).isBetween(0f, 1f);
            ink += v > 0.5f ? 1 : 0;
        }
        // Strokes cover a real part of the image, noise alone almost never exceeds 0.5.
        assertThat(ink / data.count()).isBetween(40.0, 300.0);
    }

    @Test
    void aCountBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeneratedDigits.generate(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count must be > 0, got 0");
    }
}
