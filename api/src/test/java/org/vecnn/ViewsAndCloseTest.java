package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vecnn.spi.HeapStorage;
import org.vecnn.spi.Storage;

/** What closing a view or its base means, scopes that keep views, and aliasing decided by memory. */
class ViewsAndCloseTest {
    /** Loops kernels whose storage counts its releases. */
    static final class Releases extends TestBackends.Counting {
        final AtomicInteger released = new AtomicInteger();

        @Override
        public Storage allocate(int size, DType dtype) {
            HeapStorage heap = (HeapStorage) super.allocate(size, dtype);
            return new CountingStorage(heap, released);
        }
    }

    private final Backend backend = Backend.of("counting", new TestBackends.Counting());

    @Test
    void closingAViewLeavesItsBaseUsable() {
        Tensor base = backend.fromArray(new double[] {1, 2, 3, 4}, 4);
        Tensor view = base.reshape(2, 2);
        view.close();
        assertThat(view.isClosed()).isTrue();
        assertThat(base.isClosed()).isFalse();
        assertThat(base.toDoubleArray()).containsExactly(1, 2, 3, 4);
        assertThat(base.reshape(2, 2).sum().item()).isEqualTo(10);
        assertThatThrownBy(view::toDoubleArray).isInstanceOf(TensorArgumentException.class)
                .hasMessageContaining("was closed");
    }

    @Test
    void closingABaseClosesEveryViewOfIt() {
        Tensor base = backend.fromArray(new double[] {1, 2, 3, 4}, 4);
        Tensor view = base.reshape(2, 2);
        Tensor viewOfView = view.reshape(4, 1);
        base.close();
        assertThat(view.isClosed()).isTrue();
        assertThat(viewOfView.isClosed()).isTrue();
        assertThatThrownBy(() -> view.add(view)).isInstanceOf(TensorArgumentException.class)
                .hasMessageStartingWith("add: a Tensor(float64, (2,2), counting, closed) was closed");
        assertThatThrownBy(() -> viewOfView.reshape(4)).isInstanceOf(TensorArgumentException.class)
                .hasMessageStartingWith("reshape: ");
        assertThatThrownBy(() -> backend.add(base, base)).isInstanceOf(TensorArgumentException.class);
        assertThat(view.toString()).isEqualTo("Tensor(float64, (2,2), counting, closed)");
    }

    @Test
    void aScopeKeepsTheMemoryOfAKeptView() {
        Tensor view;
        Tensor other;
        try (Scope scope = Scope.open()) {
            Tensor base = backend.fromArray(new double[] {1, 2, 3, 4}, 4);
            other = backend.ones(Shape.of(2), DType.FLOAT64);
            view = scope.keep(base.reshape(2, 2));
        }
        assertThat(view.isClosed()).isFalse();
        assertThat(view.toDoubleArray()).containsExactly(1, 2, 3, 4);
        assertThat(other.isClosed()).isTrue();
    }

    @Test
    void aViewKeptInANestedScopeMovesToTheEnclosingOne() {
        Tensor view;
        try (Scope outer = Scope.open()) {
            try (Scope inner = Scope.open()) {
                view = inner.keep(backend.zeros(Shape.of(4), DType.FLOAT32).reshape(2, 2));
            }
            assertThat(view.isClosed()).isFalse();
        }
        assertThat(view.isClosed()).isTrue();
    }

    @Test
    void closeReleasesMemoryExactlyOnceUnderRaces() throws Exception {
        Releases kernels = new Releases();
        Backend counting = Backend.of("releases", kernels);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Tensor t = counting.zeros(Shape.of(8), DType.FLOAT32);
                Tensor view = t.reshape(2, 4);
                CountDownLatch start = new CountDownLatch(1);
                for (int i = 0; i < 4; i++) {
                    Tensor target = i % 2 == 0 ? t : view;
                    pool.submit(() -> {
                        start.await();
                        target.close();
                        t.close();
                        return null;
                    });
                }
                start.countDown();
                while (!t.isClosed()) {
                    Thread.onSpinWait();
                }
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(kernels.released.get()).isEqualTo(200);
    }

    @Test
    void outputsAreCheckedForSharedMemoryNotForIdentity() {
        Tensor a = backend.fromArray(new double[] {1, 2, 3, 4}, 4);
        assertThatThrownBy(() -> backend.matmul(a.reshape(2, 2), a.reshape(2, 2), a.reshape(2, 2)))
                .isInstanceOf(TensorArgumentException.class)
                .hasMessageStartingWith("matmul: out Tensor(float64, (2,2), counting) shares memory with an operand");
        assertThat(a.toDoubleArray()).containsExactly(1, 2, 3, 4);
        Tensor out = backend.zeros(Shape.of(2, 2), DType.FLOAT64);
        backend.matmul(a.reshape(2, 2), a.reshape(2, 2), out);
        assertThat(out.toDoubleArray()).containsExactly(7, 10, 15, 22);
        // An elementwise operation reads each element before writing it: in place through a view is exact.
        backend.add(a.reshape(2, 2), out, a.reshape(-1).reshape(2, 2));
        assertThat(a.toDoubleArray()).containsExactly(8, 12, 18, 26);
    }

    /** Heap storage that counts how often it is released. */
    private static final class CountingStorage implements Storage {
        private final HeapStorage heap;
        private final AtomicInteger released;

        CountingStorage(HeapStorage heap, AtomicInteger released) {
            this.heap = heap;
            this.released = released;
        }

        @Override
        public DType dtype() {
            return heap.dtype();
        }

        @Override
        public int size() {
            return heap.size();
        }

        @Override
        public void read(org.vecnn.spi.HostArray host) {
            heap.read(host);
        }

        @Override
        public void write(org.vecnn.spi.HostArray host) {
            heap.write(host);
        }

        @Override
        public void release() {
            released.incrementAndGet();
        }
    }
}
