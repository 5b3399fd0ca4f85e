package org.vecnn.backend.vector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The one worker pool of the vector backend, created once for the JVM: {@code processors - 1} daemon threads,
 * the calling thread being the last worker. A call posts its parts; the caller runs part 0 and every thread
 * claims the next unclaimed part of the others until none is left, so a worker that is slow to wake (a parked
 * thread on a busy virtual machine can take milliseconds) costs parallelism, never a wait for a part nobody
 * started. Part 0 is always the caller's, so data a product's first part touches stays in the caller's cache
 * from call to call.
 * Idle workers spin for {@link #SPIN_NANOS} before they park: a training step posts a product every 0.01 to
 * 0.5 ms. One call at a time uses the pool; a call made while another runs (from another thread, or another
 * backend instance) runs its parts on its own thread, so calls never queue behind each other or deadlock.
 */
final class Workers {
    /** Threads a call may use: the machine's processors, or the system property {@code vecnn.vector.threads}. */
    private static final int PARALLELISM = Math.max(1,
            Integer.getInteger("vecnn.vector.threads", Runtime.getRuntime().availableProcessors()));
    /** How long an idle worker spins for the next call before it parks. */
    private static final long SPIN_NANOS = 2_000_000;

    private static final ReentrantLock POOL = new ReentrantLock();
    private static final Thread[] THREADS = new Thread[PARALLELISM - 1];
    /** The call being run, or null; workers read it after they see {@link #POSTED} change. */
    private static volatile Job current;
    /** Counts posted calls; workers watch it. */
    private static final AtomicInteger POSTED = new AtomicInteger();
    /** Workers parked (rather than spinning), so that a post unparks only when someone sleeps. */
    private static final AtomicInteger PARKED = new AtomicInteger();

    static {
        for (int i = 0; i < THREADS.length; i++) {
            Thread t = new Thread(Workers::workerLoop, "vecnn-vector-worker-" + (i + 1));
            t.setDaemon(true);
            THREADS[i] = t;
            t.start();
        }
    }

    /** One call's parts, claimed one at a time by whichever thread comes first. */
    private static final class Job {
        final IntConsumer task;
        final int parts;
        final AtomicInteger next = new AtomicInteger(1);
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer task, int parts) {
            this.task = task;
            this.parts = parts;
        }

        /** Runs parts claimed from the shared counter until none is left. */
        void work() {
            for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
                run(part);
            }
        }

        void run(int part) {
            try {
                task.accept(part);
            } catch (Throwable t) {
                failure = t;
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    private Workers() {
    }

    /** How many threads one call may use. */
    static int parallelism() {
        return PARALLELISM;
    }

    /** Runs {@code task} for parts {@code 0..parts-1} on this thread and the workers; returns when all are done. */
    static void run(int parts, IntConsumer task) {
        if (parts <= 1 || THREADS.length == 0 || POOL.isHeldByCurrentThread() || !POOL.tryLock()) {
            for (int part = 0; part < Math.max(parts, 1); part++) {
                task.accept(part);
            }
            return;
        }
        Job job = new Job(task, parts);
        try {
            current = job;
            POSTED.incrementAndGet();
            if (PARKED.get() > 0) {
                for (Thread t : THREADS) {
                    LockSupport.unpark(t);
                }
            }
            job.run(0);
            job.work();
            while (job.finished.get() < parts) {
                Thread.onSpinWait();
            }
        } finally {
            current = null;
            POOL.unlock();
        }
        Throwable failure = job.failure;
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException("vector backend worker failed", failure);
        }
    }

    private static void workerLoop() {
        int seen = POSTED.get();
        while (true) {
            long until = System.nanoTime() + SPIN_NANOS;
            int posted;
            while ((posted = POSTED.get()) == seen) {
                if (System.nanoTime() < until) {
                    Thread.onSpinWait();
                } else {
                    PARKED.incrementAndGet();
                    if (POSTED.get() == seen) {
                        LockSupport.park(Workers.class);
                    }
                    PARKED.decrementAndGet();
                    until = System.nanoTime() + SPIN_NANOS;
                }
            }
            seen = posted;
            Job job = current;
            if (job != null) {
                job.work();
            }
        }
    }
}
