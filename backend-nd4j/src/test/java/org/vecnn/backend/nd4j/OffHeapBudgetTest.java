package org.vecnn.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The off-heap budget asks for a collection after its bytes of new buffers, and never counts below zero. */
class OffHeapBudgetTest {

    @Test
    void aBufferReleasedAfterACollectionDoesNotMakeRoomForMore() {
        OffHeapBudget budget = new OffHeapBudget(100);
        assertThat(budget.allocated(60)).isFalse();
        assertThat(budget.allocated(60)).as("120 bytes since the last collection").isTrue();
        assertThat(budget.counted()).isZero();
        budget.released(60);
        budget.released(60);
        assertThat(budget.counted()).as("buffers counted before the collection").isZero();
        assertThat(budget.allocated(99)).isFalse();
        assertThat(budget.allocated(1)).as("exactly the budget after the collection").isTrue();
    }

    @Test
    void releasedBuffersCountNoMore() {
        OffHeapBudget budget = new OffHeapBudget(100);
        budget.allocated(80);
        budget.released(80);
        assertThat(budget.allocated(80)).isFalse();
        assertThat(budget.counted()).isEqualTo(80);
    }
}
