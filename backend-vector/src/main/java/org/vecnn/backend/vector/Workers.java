package org.vecnn.backend.vector;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The one worker pool of the vector backend, created once for the JVM: {@code processors - 1} daemon threads,
 * the calling thread being the last worker; idle workers and waiting callers spin for 0.1 ms before parking.
 * Parts of one call never submit further work, so calls from many threads at once queue up and never deadlock.
 */
final class Workers {
    /** Threads a call may use: the machine's processors, or the system property {@code vecnn.vector.threads}. */
    private static final int PARALLELISM = Math.max(1,
            Integer.getInteger("vecnn.vector.threads", Runtime.getRuntime().availableProcessors()));
    /** How long a thread spins for the next task or for a part to finish before it parks. */
    private static final long SPIN_NANOS = 1_000_000;
    private static final ExecutorService POOL = PARALLELISM > 1 ? new ThreadPoolExecutor(PARALLELISM - 1,
            PARALLELISM - 1, 0, TimeUnit.MILLISECONDS, new SpinningQueue(), r -> {
                Thread t = new Thread(r, "vecnn-vector-worker");
                t.setDaemon(true);
                return t;
            }) : null;

    /**
     * A task queue whose takers spin briefly before they park: a product of a training step takes 0.01 to 1 ms,
     * and waking a parked thread costs tens of microseconds, as much as the work it would share.
     */
    private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public Runnable take() throws InterruptedException {
            long until = System.nanoTime() + SPIN_NANOS;
            do {
                Runnable r = poll();
                if (r != null) {
                    return r;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() < until);
            return super.take();
        }
    }

    private Workers() {
    }

    /** How many threads one call may use. */
    static int parallelism() {
        return PARALLELISM;
    }

    /** Runs {@code task} for parts {@code 0..parts-1}, part 0 on this thread, and returns when all are done. */
    static void run(int parts, IntConsumer task) {
        if (parts <= 1 || POOL == null) {
            for (int part = 0; part < Math.max(parts, 1); part++) {
                task.accept(part);
            }
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int part = 1; part < parts; part++) {
            int p = part;
            futures[part - 1] = POOL.submit(() -> task.accept(p));
        }
        RuntimeException failure = null;
        try {
            task.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            long until = System.nanoTime() + SPIN_NANOS;
            while (!f.isDone() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                            : new IllegalStateException("vector backend worker failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the vector backend's workers", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
