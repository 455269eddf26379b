package io.kubeboot.controller.tainteviction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Upstream {@code TimedWorkerQueue}: at most one pending piece of work per key (a pod's "namespace/name"), each run
 * no earlier than its fire time; work due already runs at once (asynchronously). Cancelling stops a timer that has
 * not fired; work already running is not interrupted. Thread safe.
 */
final class TimedWorkerQueue {
    private static final Logger log = LoggerFactory.getLogger(TimedWorkerQueue.class);

    /** The work: runs for a key with the time it was meant to fire at. */
    @FunctionalInterface
    interface Work {
        void run(String key, Instant fireAt) throws Exception;
    }

    /** Runs tasks after a delay; {@link Cancellable#cancel()} stops one that has not started. */
    interface DelayedExecutor extends Executor {
        Cancellable schedule(Runnable task, Duration delay);
    }

    /** A scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Upstream {@code TimedWorker}: work created at {@code createdAt} to fire at {@code fireAt}. */
    static final class TimedWorker {
        private final Instant createdAt;
        private final Instant fireAt;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Cancellable timer;

        private TimedWorker(Instant createdAt, Instant fireAt) {
            this.createdAt = createdAt;
            this.fireAt = fireAt;
        }

        Instant createdAt() {
            return createdAt;
        }

        Instant fireAt() {
            return fireAt;
        }

        /** Whether the work waits on a timer (false: it was due at once and has been started). */
        boolean timed() {
            return timer != null;
        }

        void cancel() {
            cancelled.set(true);
            Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }

    private final Work work;
    private final DelayedExecutor executor;
    private final Map<String, TimedWorker> workers = new HashMap<>();

    TimedWorkerQueue(Work work, DelayedExecutor executor) {
        this.work = work;
        this.executor = executor;
    }

    /** Adds work for {@code key} to fire at {@code fireAt}, unless work for the key is pending already. */
    synchronized void addWork(String key, Instant createdAt, Instant fireAt) {
        if (workers.containsKey(key)) {
            log.debug("Trying to add already existing work for {}, skipping", key);
            return;
        }
        TimedWorker worker = new TimedWorker(createdAt, fireAt);
        workers.put(key, worker);
        Runnable run = () -> {
            if (worker.cancelled.get()) {
                return;
            }
            try {
                work.run(key, fireAt);
            } catch (Exception e) {
                log.error("TaintEvictionController: timed worker failed for {}", key, e);
            } finally {
                synchronized (this) {
                    workers.remove(key, worker);
                }
            }
        };
        Duration delay = Duration.between(createdAt, fireAt);
        if (delay.isNegative() || delay.isZero()) {
            executor.execute(run);
        } else {
            worker.timer = executor.schedule(run, delay);
        }
    }

    /**
     * Cancels the pending work for {@code key}.
     *
     * @return whether timed work was cancelled (false when there was none, or it had started at once)
     */
    synchronized boolean cancelWork(String key) {
        TimedWorker worker = workers.remove(key);
        if (worker == null) {
            return false;
        }
        boolean timed = worker.timed();
        worker.cancel();
        return timed;
    }

    /** Upstream {@code GetWorkerUnsafe}: the timed work pending for {@code key}, or null. */
    synchronized TimedWorker getWorker(String key) {
        TimedWorker w = workers.get(key);
        return w != null && w.timed() ? w : null;
    }

    /** Whether any work (timed or started) is pending for the key. */
    synchronized boolean has(String key) {
        return workers.containsKey(key);
    }

    /** Cancels all pending work. */
    synchronized void cancelAll() {
        workers.values().forEach(TimedWorker::cancel);
        workers.clear();
    }
}
