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
 * <p>Thread safe; one instance is shared by the scheduling cycle's Filter, Score and preemption. Work
 * items must be independent of each other.
 */
public final class Parallelizer implements AutoCloseable {
    private final int parallelism;
    private final ExecutorService workers;

    public Parallelizer(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
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
        AtomicInteger next = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        Runnable loop = () -> {
            try {
                int c;
                while (failure.get() == null && (c = next.getAndIncrement()) < chunks) {
                    int end = Math.min(n, (c + 1) * chunk);
                    for (int i = c * chunk; i < end; i++) {
                        work.accept(i);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        };
        int helpers = Math.min(parallelism - 1, chunks - 1);
        running.set(helpers + 1);
        for (int h = 0; h < helpers; h++) {
            workers.execute(loop);
        }
        loop.run();
        while (running.get() != 0) {
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

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
