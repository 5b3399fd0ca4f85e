package org.vecnn.backend.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocatorTest {

    @Test
    void slicesAreAlignedFirstFitAndDisjoint() {
        Allocator allocator = new Allocator(256);
        assertThat(Allocator.aligned(0)).isEqualTo(Allocator.ALIGNMENT);
        assertThat(Allocator.aligned(1)).isEqualTo(Allocator.ALIGNMENT);
        assertThat(Allocator.aligned(33)).isEqualTo(2L * Allocator.ALIGNMENT);
        int a = allocator.allocate(64);
        int b = allocator.allocate(32);
        int c = allocator.allocate(160);
        assertThat(a).isEqualTo(0);
        assertThat(b).isEqualTo(64);
        assertThat(c).isEqualTo(96);
        assertThat(allocator.allocate(32)).isEqualTo(-1);
        assertThat(allocator.freeElements()).isZero();
    }

    @Test
    void releasedNeighboursMergeSoLargerSlicesFitAgain() {
        Allocator allocator = new Allocator(128);
        int a = allocator.allocate(32);
        int b = allocator.allocate(32);
        int c = allocator.allocate(32);
        allocator.allocate(32);
        allocator.release(a, 32);
        allocator.release(c, 32);
        assertThat(allocator.allocate(64)).as("two free slices that are not neighbours").isEqualTo(-1);
        allocator.release(b, 32);
        assertThat(allocator.largestFree()).isEqualTo(96);
        assertThat(allocator.allocate(96)).isEqualTo(0);
    }

    /** Many free blocks (a deep tree): every allocation stays inside the arena and disjoint from every other. */
    @Test
    void slicesNeverOverlapWhateverTheFragmentation() {
        int capacity = 64 * 1024;
        Allocator allocator = new Allocator(capacity);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        java.util.TreeMap<Integer, Integer> live = new java.util.TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            if (!live.isEmpty() && random.nextInt(3) == 0) {
                Integer offset = live.keySet().toArray(new Integer[0])[random.nextInt(live.size())];
                allocator.release(offset, live.remove(offset));
            } else {
                int length = (int) Allocator.aligned(1 + random.nextInt(300));
                int offset = allocator.allocate(length);
                if (offset >= 0) {
                    assertThat(offset + length).isLessThanOrEqualTo(capacity);
                    java.util.Map.Entry<Integer, Integer> before = live.floorEntry(offset);
                    java.util.Map.Entry<Integer, Integer> after = live.ceilingEntry(offset);
                    assertThat(before == null || before.getKey() + before.getValue() <= offset).as("overlaps the slice before").isTrue();
                    assertThat(after == null || offset + length <= after.getKey()).as("overlaps the slice after").isTrue();
                    live.put(offset, length);
                }
            }
        }
        long used = live.values().stream().mapToLong(Integer::longValue).sum();
        assertThat(allocator.freeElements()).isEqualTo(capacity - used);
    }

    @Test
    void growingAddsRoomThatMergesWithAFreeTail() {
        Allocator allocator = new Allocator(64);
        allocator.allocate(32);
        allocator.grow(128);
        assertThat(allocator.capacity()).isEqualTo(128);
        assertThat(allocator.largestFree()).isEqualTo(96);
        assertThat(allocator.allocate(96)).isEqualTo(32);
    }
}
