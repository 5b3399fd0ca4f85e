package org.vecnn;

import org.vecnn.spi.AxisLayout;
import org.vecnn.spi.HostArray;

/**
 * The index arithmetic of copies along one axis, on host arrays: picking positions along an axis (slices with a
 * step, {@code take}), and laying blocks side by side along an axis ({@code concatenate}) or cutting them apart
 * ({@code split}). A shape is seen as {@code outer x length x inner} around the axis ({@link AxisLayout}).
 */
final class AxisCopy {
    private AxisCopy() {
    }

    /**
     * {@code out[o, j, i] = source[o, positions[j], i]}: the elements at {@code positions} (valid, non-negative)
     * along the axis of {@code layout}, into a new host array of {@code outer * positions.length * inner}.
     */
    static HostArray pick(HostArray source, AxisLayout layout, int[] positions) {
        int inner = layout.inner();
        HostArray out = HostArray.zeros(source.dtype(), layout.outer() * positions.length * inner);
        int to = 0;
        for (int o = 0; o < layout.outer(); o++) {
            for (int position : positions) {
                int from = layout.index(o, position, 0);
                for (int i = 0; i < inner; i++) {
                    out.set(to++, source.get(from + i));
                }
            }
        }
        return out;
    }

    /**
     * Copies {@code part}, of {@code outer x partLength x inner}, into {@code whole}, of
     * {@code outer x wholeLength x inner}, at position {@code at} along the axis.
     */
    static void place(HostArray part, int outer, int partLength, int inner, HostArray whole, int wholeLength, int at) {
        int block = partLength * inner;
        for (int o = 0; o < outer; o++) {
            int from = o * block;
            int to = (o * wholeLength + at) * inner;
            for (int e = 0; e < block; e++) {
                whole.set(to + e, part.get(from + e));
            }
        }
    }

    /**
     * Python's {@code slice(start, stop, step).indices(n)} as positions: bounds counted from the end when
     * negative, clipped to the axis, {@code step} not 0. {@code Integer.MAX_VALUE} and {@code Integer.MIN_VALUE}
     * stand for an omitted bound, as NumPy's {@code a[::-1]} is {@code a[MAX:MIN:-1]}.
     */
    static int[] slicePositions(int n, int start, int stop, int intStep) {
        long step = intStep;
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? n : n - 1L;
        long first = clamp(start, n, lower, upper);
        long last = clamp(stop, n, lower, upper);
        long count = step > 0 ? (last > first ? (last - first + step - 1) / step : 0)
                : (first > last ? (first - last - step - 1) / -step : 0);
        int[] positions = new int[(int) count];
        for (int j = 0; j < positions.length; j++) {
            positions[j] = (int) (first + j * step);
        }
        return positions;
    }

    private static long clamp(long bound, int n, long lower, long upper) {
        long b = bound < 0 ? bound + n : bound;
        return b < lower ? lower : Math.min(b, upper);
    }
}
