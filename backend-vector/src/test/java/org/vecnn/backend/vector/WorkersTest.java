package org.vecnn.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The worker pool runs every part exactly once, whoever claims it, and never deadlocks or loses a failure. */
class WorkersTest {

    @Test
    void everyPartRunsExactlyOnce() {
        for (int parts : new int[] {1, 2, 3, 7, 64}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            Workers.run(parts, runs::incrementAndGet);
            for (int p = 0; p < parts; p++) {
                assertThat(runs.get(p)).as("part %d of %d", p, parts).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinish() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        assertThatThrownBy(() -> Workers.run(4, part -> {
            runs.incrementAndGet(part);
            if (part == 2) {
                throw new IllegalArgumentException("part 2 failed");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("part 2 failed");
        for (int p = 0; p < 4; p++) {
            assertThat(runs.get(p)).isEqualTo(1);
        }
        AtomicIntegerArray after = new AtomicIntegerArray(2);
        Workers.run(2, after::incrementAndGet);
        assertThat(after.get(0) + after.get(1)).as("the pool still works").isEqualTo(2);
    }

    @Test
    void nestedAndConcurrentCallsRunWithoutDeadlock() throws Exception {
        AtomicIntegerArray inner = new AtomicIntegerArray(4 * 3);
        Workers.run(4, outer -> Workers.run(3, part -> inner.incrementAndGet(outer * 3 + part)));
        for (int i = 0; i < inner.length(); i++) {
            assertThat(inner.get(i)).isEqualTo(1);
        }
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            AtomicIntegerArray runs = new AtomicIntegerArray(4 * 200 * 5);
            Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                int caller = t;
                futures[t] = callers.submit(() -> {
                    for (int call = 0; call < 200; call++) {
                        int base = (caller * 200 + call) * 5;
                        Workers.run(5, part -> runs.incrementAndGet(base + part));
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (int i = 0; i < runs.length(); i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theFirstFailureIsThrownWithTheOthersSuppressed() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Workers.run(4, part -> {
            throw new IllegalArgumentException("part " + part);
        }));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getSuppressed()).hasSize(3);
    }

    @Test
    void aSecondaryFailureGivesWayToItsRootCause() {
        java.util.concurrent.atomic.AtomicReference<Throwable> first = new java.util.concurrent.atomic.AtomicReference<>();
        IllegalStateException root = new IllegalStateException("packing failed");
        Workers.record(first, new Workers.SecondaryFailure("waited for a failed block", root));
        Workers.record(first, root);
        assertThat(first.get()).isSameAs(root);
        assertThat(root.getSuppressed()).as("a waiter's failure adds nothing to its root's").isEmpty();
        Workers.record(first, new IllegalArgumentException("another part"));
        assertThat(root.getSuppressed()).extracting(Throwable::getMessage).containsExactly("another part");
    }

    @Test
    void shutdownEndsTheThreadsAndALaterCallStartsThemAgain() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Workers.parallelism() > 1, "one thread: the pool has no workers");
        Workers.run(8, part -> { });
        assertThat(Workers.liveThreads()).isEqualTo(Workers.parallelism() - 1);
        Workers.shutdown();
        assertThat(Workers.liveThreads()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("vecnn-vector-worker"));
        AtomicIntegerArray runs = new AtomicIntegerArray(8);
        Workers.run(8, runs::incrementAndGet);
        for (int p = 0; p < 8; p++) {
            assertThat(runs.get(p)).isEqualTo(1);
        }
        assertThat(Workers.liveThreads()).isEqualTo(Workers.parallelism() - 1);
    }

    @Test
    void idleWorkersEndAfterTheKeepAlive() throws InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Workers.parallelism() > 1, "one thread: the pool has no workers");
        Workers.run(8, part -> { });
        long deadline = System.nanoTime() + 3 * Workers.KEEP_ALIVE_NANOS;
        while (Workers.liveThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Workers.liveThreads()).as("workers alive %d s after the last call",
                TimeUnit.NANOSECONDS.toSeconds(3 * Workers.KEEP_ALIVE_NANOS)).isZero();
    }
}
