package org.vecnn.backend.aparapi;

import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocation of slices of an arena of {@link #capacity()} elements, with free neighbours merged
 * on release. Slices start at multiples of {@link #ALIGNMENT} elements so that a GPU reads every tensor
 * from the start of a memory transaction. Not thread-safe: {@link DeviceProgram} calls it under its lock.
 */
final class Allocator {
    /** Elements per alignment unit: 128 bytes of float, 256 of double. */
    static final int ALIGNMENT = 32;

    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private int capacity;

    Allocator(int capacity) {
        this.capacity = capacity;
        if (capacity > 0) {
            free.put(0, capacity);
        }
    }

    /** {@code length} rounded up to the alignment unit (at least one unit). */
    static long aligned(int length) {
        long units = Math.max(1, ((long) length + ALIGNMENT - 1) / ALIGNMENT);
        return units * ALIGNMENT;
    }

    /** The offset of a free slice of {@code length} elements (already aligned), or -1 if none is large enough. */
    int allocate(int length) {
        for (Map.Entry<Integer, Integer> block : free.entrySet()) {
            // Read both before removing: TreeMap's remove may move another block's key and value into this entry.
            int offset = block.getKey();
            int size = block.getValue();
            if (size >= length) {
                free.remove(offset);
                if (size > length) {
                    free.put(offset + length, size - length);
                }
                return offset;
            }
        }
        return -1;
    }

    /** Returns a slice to the free list, merged with free neighbours. */
    void release(int offset, int length) {
        int start = offset;
        int size = length;
        Map.Entry<Integer, Integer> before = free.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() == offset) {
            start = before.getKey();
            size += before.getValue();
            free.remove(before.getKey());
        }
        Integer after = free.get(offset + length);
        if (after != null) {
            size += after;
            free.remove(offset + length);
        }
        free.put(start, size);
    }

    /** Extends the arena to {@code newCapacity} elements; the new room is free. */
    void grow(int newCapacity) {
        int old = capacity;
        capacity = newCapacity;
        release(old, newCapacity - old);
    }

    int capacity() {
        return capacity;
    }

    /** Elements in free slices. */
    long freeElements() {
        long total = 0;
        for (int size : free.values()) {
            total += size;
        }
        return total;
    }

    /** The largest free slice. */
    int largestFree() {
        int largest = 0;
        for (int size : free.values()) {
            largest = Math.max(largest, size);
        }
        return largest;
    }
}
