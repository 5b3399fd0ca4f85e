package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link AxisCopy#slicePositions} against Python's slicing: {@code slices.txt} holds
 * {@code list(range(n)[start:stop:step])} for axes of 0, 1 and 4 elements, bounds from -6 to 6 and the two
 * stand-ins for an omitted bound, steps of both signs up to the int extremes, as Python 3 printed them with
 * {@code for n in (0, 1, 4): for start in B: for stop in B: for step in (-3, -1, 1, 2, MIN, MAX): ...}.
 */
class AxisCopyTest {
    @Test
    void slicePositionsArePythonsSliceIndices() throws Exception {
        int checked = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AxisCopyTest.class.getResourceAsStream("slices.txt"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] sides = line.split(":", -1);
                int[] p = Arrays.stream(sides[0].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                String want = sides[1].trim();
                int[] expected = want.isEmpty() ? new int[0] : Arrays.stream(want.split(" ")).mapToInt(Integer::parseInt).toArray();
                assertThat(AxisCopy.slicePositions(p[0], p[1], p[2], p[3])).as(line).containsExactly(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(1800);
    }
}
