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
