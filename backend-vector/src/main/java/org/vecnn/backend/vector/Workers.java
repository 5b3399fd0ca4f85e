package org.vecnn.backend.vector;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The worker pool of the vector backend: up to {@code parallelism() - 1} daemon threads, the calling thread being
 * the last worker. A call posts its parts; the caller runs part 0 and every thread claims the next unclaimed part
 * of the others until none is left, so a worker that is slow to wake (a parked thread on a busy virtual machine
 * can take milliseconds) costs parallelism, never a wait for a part nobody started. Part 0 is always the caller's,
 * so data a product's first part touches stays in the caller's cache from call to call.
 *
 * <p>The threads belong to the backend, not to the JVM: they start with the first parallel call, spin at most
 * {@link #SPIN_NANOS} for the next call before they park (a training step posts a product every 0.01 to 0.5 ms),
 * and end after {@link #KEEP_ALIVE_NANOS} without work, so an idle JVM holds neither CPU nor threads (nor, on
 * redeploy, the class loader). {@link #shutdown()} ends them at once; a later call starts them again. The number
 * of threads is the system property {@value #THREADS_PROPERTY}, else the environment variable
 * {@value #THREADS_ENVIRONMENT}, else the machine's processors, read when a backend is created.
 *
 * <p>One call at a time uses the pool; a call made while another runs (from another thread, or nested in a part)
 * runs its parts on its own thread, so calls never queue behind each other or deadlock. A failing part fails the
 * call once all parts are done: the first failure is thrown, later ones are attached to it as suppressed.
 */
final class Workers {
    /** The system property that sets the threads a call may use. */
    static final String THREADS_PROPERTY = "vecnn.vector.threads";
    /** The environment variable that sets the threads a call may use when the system property is not set. */
    static final String THREADS_ENVIRONMENT = "VECNN_VECTOR_THREADS";
    /** How long an idle worker, or a caller waiting for the last parts, spins before it parks. */
    static final long SPIN_NANOS = 200_000;
    /** How long a worker waits for work before its thread ends. */
    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final ReentrantLock POOL = new ReentrantLock();
    private static final Object LIFECYCLE = new Object();
    /** Threads a call may use, the caller included. */
    private static volatile int parallelism = configuredParallelism();
    /** The worker threads, some possibly ended; guarded by {@link #LIFECYCLE}. */
    private static Thread[] threads = new Thread[0];
    /** Bumped by {@link #shutdown()}: workers of an older generation end. */
    private static volatile int generation;
    /** The call being run, or null; workers read it after they see {@link #POSTED} change. */
    private static volatile Job current;
    /** Counts posted calls; workers watch it. */
    private static final AtomicInteger POSTED = new AtomicInteger();
    /** Workers parked (rather than spinning), so that a post unparks only when someone sleeps. */
    private static final AtomicInteger PARKED = new AtomicInteger();

    private Workers() {
    }

    /** A part that failed because another part failed first (a block another thread was packing): its cause is the root. */
    static final class SecondaryFailure extends RuntimeException {
        SecondaryFailure(String message, Throwable root) {
            super(message, root);
        }
    }

    /** One call's parts, claimed one at a time by whichever thread comes first. */
    private static final class Job {
        final IntConsumer task;
        final int parts;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger(1);
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer task, int parts, Thread caller) {
            this.task = task;
            this.parts = parts;
            this.caller = caller;
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
                record(failure, t);
            } finally {
                if (finished.incrementAndGet() == parts) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Returns when every part is done: spinning a while, then parked until the last part wakes it. */
        void awaitParts() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (finished.get() < parts) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, SPIN_NANOS);
                }
            }
        }
    }

    /** Keeps the first failure (the root cause of a secondary one) and attaches the others to it. */
    static void record(AtomicReference<Throwable> first, Throwable t) {
        Throwable root = t instanceof SecondaryFailure && t.getCause() != null ? t.getCause() : t;
        if (!first.compareAndSet(null, root)) {
            Throwable kept = first.get();
            if (kept != root && kept != t) {
                kept.addSuppressed(t);
            }
        }
    }

    /** How many threads one call may use. */
    static int parallelism() {
        return parallelism;
    }

    /** Reads the thread setting again (a backend being created); running threads beyond it end. */
    static void configure() {
        int wanted = configuredParallelism();
        if (wanted != parallelism) {
            shutdown();
            parallelism = wanted;
        }
    }

    private static int configuredParallelism() {
        String setting = System.getProperty(THREADS_PROPERTY);
        String source = THREADS_PROPERTY;
        if (setting == null || setting.isBlank()) {
            setting = System.getenv(THREADS_ENVIRONMENT);
            source = THREADS_ENVIRONMENT;
        }
        if (setting == null || setting.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int threads = Integer.parseInt(setting.trim());
            if (threads >= 1 && threads <= 4096) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + "=" + setting + ": the vector backend's threads must be a whole"
                + " number from 1 to 4096");
    }

    /** Ends the worker threads now (a later call starts them again); returns once they have ended. */
    static void shutdown() {
        Thread[] ended;
        synchronized (LIFECYCLE) {
            generation++;
            ended = threads;
            threads = new Thread[0];
        }
        for (Thread t : ended) {
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        for (Thread t : ended) {
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The worker threads alive now (for tests and reports). */
    static int liveThreads() {
        synchronized (LIFECYCLE) {
            int alive = 0;
            for (Thread t : threads) {
                if (t != null && t.isAlive()) {
                    alive++;
                }
            }
            return alive;
        }
    }

    /** Runs {@code task} for parts {@code 0..parts-1} on this thread and the workers; returns when all are done. */
    static void run(int parts, IntConsumer task) {
        if (parts <= 1 || parallelism <= 1 || Warmup.onWarmupThread() || POOL.isHeldByCurrentThread() || !POOL.tryLock()) {
            for (int part = 0; part < Math.max(parts, 1); part++) {
                task.accept(part);
            }
            return;
        }
        Job job = new Job(task, parts, Thread.currentThread());
        try {
            ensureStarted();
            current = job;
            POSTED.incrementAndGet();
            if (PARKED.get() > 0) {
                synchronized (LIFECYCLE) {
                    for (Thread t : threads) {
                        LockSupport.unpark(t);
                    }
                }
            }
            job.run(0);
            job.work();
            job.awaitParts();
        } finally {
            current = null;
            POOL.unlock();
        }
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException("vector backend worker failed", failure);
        }
    }

    /** Starts the workers that are not running (none yet, or ended after idling). Called holding {@link #POOL}. */
    private static void ensureStarted() {
        synchronized (LIFECYCLE) {
            int wanted = parallelism - 1;
            if (threads.length != wanted) {
                threads = java.util.Arrays.copyOf(threads, wanted);
            }
            for (int i = 0; i < wanted; i++) {
                if (threads[i] == null || !threads[i].isAlive()) {
                    int gen = generation;
                    Thread t = new Thread(() -> workerLoop(gen), "vecnn-vector-worker-" + (i + 1));
                    t.setDaemon(true);
                    t.setContextClassLoader(null);
                    threads[i] = t;
                    t.start();
                }
            }
        }
    }

    private static void workerLoop(int gen) {
        int seen = POSTED.get();
        long idleSince = System.nanoTime();
        while (generation == gen) {
            int posted = POSTED.get();
            if (posted != seen) {
                seen = posted;
                Job job = current;
                if (job != null) {
                    job.work();
                }
                idleSince = System.nanoTime();
                continue;
            }
            long idle = System.nanoTime() - idleSince;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (idle >= KEEP_ALIVE_NANOS) {
                return;     // a caller that finds this thread ended starts another; parts are never lost
            } else {
                PARKED.incrementAndGet();
                if (POSTED.get() == seen && generation == gen) {
                    LockSupport.parkNanos(Workers.class, KEEP_ALIVE_NANOS - idle);
                }
                PARKED.decrementAndGet();
            }
        }
    }
}
