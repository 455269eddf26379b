package io.kubeboot.scheduler.framework.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs {@code work(i)} for i in [0, n) on up to {@code parallelism} threads, the caller being one of them,
 * in chunks of about sqrt(n) as upstream's {@code parallelize.Until}. Returns when every index ran; the
 * first exception thrown by any piece is rethrown.
 *
 * <p>Unlike a goroutine, a helper thread costs a futex wake-up to start and the caller a park to wait for
 * it: tens of microseconds on a loaded machine, as much as filtering a hundred nodes. So the caller runs the
 * first chunk alone and asks for helpers only when the remaining chunks, at the first one's pace, would take
 * at least {@code minSharedNanos}; and a helper that starts after the caller has taken every chunk leaves
 * without work, so the caller never waits for a thread that was still waking up.
 *
 * <p>Thread safe; one instance is shared by the scheduling cycle's Filter, Score and preemption. Work
 * items must be independent of each other.
 */
public final class Parallelizer implements AutoCloseable {
    /** Work worth a hand-off: about ten times a wake-up and a park on a busy two-core machine (profiled). */
    public static final long DEFAULT_MIN_SHARED_NANOS = 200_000;
    /** The caller has finished and helpers may no longer join. */
    private static final int CLOSED = Integer.MIN_VALUE;

    private final int parallelism;
    private final long minSharedNanos;
    private final ExecutorService workers;

    public Parallelizer(int parallelism) {
        this(parallelism, DEFAULT_MIN_SHARED_NANOS);
    }

    /** @param minSharedNanos estimated remaining work below which the caller does it alone (0: always share) */
    public Parallelizer(int parallelism, long minSharedNanos) {
        this.parallelism = Math.max(1, parallelism);
        this.minSharedNanos = Math.max(0, minSharedNanos);
        AtomicInteger seq = new AtomicInteger();
        this.workers = this.parallelism == 1 ? null : Executors.newFixedThreadPool(this.parallelism - 1, r -> {
            Thread t = new Thread(r, "scheduler-parallel-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int parallelism() {
        return parallelism;
    }

    static int chunkSize(int n, int parallelism) {
        int s = (int) Math.sqrt(n);
        int r = n / parallelism + 1;
        return Math.max(1, Math.min(s, r));
    }

    public void until(int n, IntConsumer work) {
        if (n <= 0) {
            return;
        }
        int chunk = chunkSize(n, parallelism);
        int chunks = (n + chunk - 1) / chunk;
        if (workers == null || chunks == 1) {
            for (int i = 0; i < n; i++) {
                work.accept(i);
            }
            return;
        }
        new Job(n, chunk, chunks, work).run();
    }

    /** One call of {@link #until}: chunks handed out by a counter, helpers counted in {@code active}. */
    private final class Job {
        private final int n;
        private final int chunk;
        private final int chunks;
        private final IntConsumer work;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger next = new AtomicInteger();
        /** Helpers inside {@link #help}, or {@link #CLOSED} once the caller returns. */
        private final AtomicInteger active = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int n, int chunk, int chunks, IntConsumer work) {
            this.n = n;
            this.chunk = chunk;
            this.chunks = chunks;
            this.work = work;
        }

        void run() {
            long start = System.nanoTime();
            runChunks(1);
            long firstChunk = System.nanoTime() - start;
            if (failure.get() == null && firstChunk * (chunks - 1) >= minSharedNanos) {
                int helpers = Math.min(parallelism - 1, chunks - 1);
                for (int h = 0; h < helpers; h++) {
                    workers.execute(this::help);
                }
            }
            runChunks(Integer.MAX_VALUE);
            // every chunk is taken: wait only for helpers that are running one
            while (!active.compareAndSet(0, CLOSED)) {
                LockSupport.park(this);
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        private void help() {
            int v;
            do {
                v = active.get();
                if (v == CLOSED) {
                    return;
                }
            } while (!active.compareAndSet(v, v + 1));
            try {
                runChunks(Integer.MAX_VALUE);
            } finally {
                if (active.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Takes and runs up to {@code max} chunks; a failure is recorded and stops every thread taking more. */
        private void runChunks(int max) {
            try {
                int c;
                for (int taken = 0; taken < max && failure.get() == null && (c = next.getAndIncrement()) < chunks; taken++) {
                    int end = Math.min(n, (c + 1) * chunk);
                    for (int i = c * chunk; i < end; i++) {
                        work.accept(i);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
