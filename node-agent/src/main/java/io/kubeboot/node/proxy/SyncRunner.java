package io.kubeboot.node.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs the proxy's sync on its own thread, as upstream's {@code BoundedFrequencyRunner}: {@link #markDirty()}
 * (cheap, from informer handlers) asks for a run, and runs are at least {@code minInterval} apart, so a burst of
 * changes costs one sync; a run also happens every {@code maxInterval} regardless (resync), and
 * {@code retryInterval} after a run that reported a failure.
 */
public final class SyncRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final Duration minInterval;
    private final Duration maxInterval;
    private final Duration retryInterval;
    private final BooleanSupplier sync;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastRunNanos;

    /** @param sync the work; returns false when a retry soon is wanted */
    public SyncRunner(String name, Duration minInterval, Duration maxInterval, Duration retryInterval,
                      BooleanSupplier sync) {
        this.minInterval = minInterval;
        this.maxInterval = maxInterval;
        this.retryInterval = retryInterval;
        this.sync = sync;
        this.nanoClock = System::nanoTime;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.lastRunNanos = nanoClock.getAsLong() - minInterval.toNanos();
    }

    /** Starts the periodic resync. */
    public void start() {
        long period = maxInterval.toMillis();
        executor.scheduleWithFixedDelay(this::markDirty, period, period, TimeUnit.MILLISECONDS);
    }

    /** Asks for a run: at once, or when {@code minInterval} has passed since the last one. */
    public void markDirty() {
        if (pending.compareAndSet(false, true)) {
            long wait = lastRunNanos + minInterval.toNanos() - nanoClock.getAsLong();
            schedule(Math.max(0, wait));
        }
    }

    private void schedule(long delayNanos) {
        try {
            executor.schedule(this::run, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            pending.set(false);
        }
    }

    private void run() {
        pending.set(false);
        lastRunNanos = nanoClock.getAsLong();
        boolean ok;
        try {
            ok = sync.getAsBoolean();
        } catch (RuntimeException e) {
            log.error("Proxy sync failed", e);
            ok = false;
        }
        if (!ok) {
            try {
                executor.schedule(this::markDirty, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // shutting down
            }
        }
    }

    /** Stops; a run in progress finishes first. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
