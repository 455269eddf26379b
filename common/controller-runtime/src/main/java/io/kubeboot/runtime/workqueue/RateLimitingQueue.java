package io.kubeboot.runtime.workqueue;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * client-go's rate limiting work queue ({@code workqueue.TypedRateLimitingInterface}): the queue every controller
 * worker pulls keys from. Thread safe.
 *
 * <p>Contract, as upstream:
 * <ul>
 *   <li>{@link #add} queues an item unless it is already queued (dedup). An item added while a worker processes it
 *   is queued again when that worker calls {@link #done}, so one item is never processed concurrently.</li>
 *   <li>{@link #get} blocks until an item is available; every item obtained must be passed to {@link #done}.</li>
 *   <li>{@link #addRateLimited} re-adds after the rate limiter's delay (and counts a requeue); {@link #forget}
 *   resets the item's backoff (call it after a success); {@link #addAfter} adds after a fixed delay.</li>
 *   <li>After {@link #shutDown} adds are ignored; items already queued are still handed out and {@link #get}
 *   returns {@code null} once the queue is empty.</li>
 * </ul>
 * Keys must be immutable values with {@code equals}/{@code hashCode} (e.g. {@code ObjectKey}), never cached API
 * objects. {@code null} is not a valid item.
 *
 * @param <K> the key type
 */
public final class RateLimitingQueue<K> {
    private final String name;
    private final WorkQueue<K> queue;
    private final DelayingQueue<K> delaying;
    private final RateLimiter<? super K> rateLimiter;

    private RateLimitingQueue(String name, RateLimiter<? super K> rateLimiter, MeterRegistry registry, LongSupplier nanoTime) {
        this.name = name;
        this.rateLimiter = rateLimiter;
        QueueMetrics<K> metrics = registry == null ? QueueMetrics.noop() : new MicrometerQueueMetrics<>(registry, name, nanoTime);
        this.queue = new WorkQueue<>(metrics);
        this.delaying = new DelayingQueue<>(name, queue, metrics, nanoTime);
    }

    /** A queue with {@link RateLimiters#defaultControllerRateLimiter()} and no metrics. */
    public static <K> RateLimitingQueue<K> create(String name) {
        return RateLimitingQueue.<K>builder(name).build();
    }

    /** @param name the queue's name: the {@code name} tag of its metrics and part of its thread name */
    public static <K> Builder<K> builder(String name) {
        return new Builder<>(name);
    }

    public String name() {
        return name;
    }

    public void add(K item) {
        queue.add(Objects.requireNonNull(item, "item"));
    }

    /** Items waiting to be handed out (neither delayed nor in processing ones). */
    public int len() {
        return queue.len();
    }

    /**
     * The next item, blocking until there is one; {@code null} when the queue is shut down and empty.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public K get() throws InterruptedException {
        return queue.get();
    }

    /** Marks {@code item} processed; if it was added meanwhile it is queued again now. */
    public void done(K item) {
        queue.done(item);
    }

    /** Adds {@code item} once {@code delay} has passed (at once if it is not positive). */
    public void addAfter(K item, Duration delay) {
        delaying.addAfter(Objects.requireNonNull(item, "item"), delay);
    }

    /** Adds {@code item} after the rate limiter's delay for it. */
    public void addRateLimited(K item) {
        addAfter(item, rateLimiter.when(item));
    }

    /** Ends the item's backoff: the rate limiter stops tracking it. Does not remove it from the queue. */
    public void forget(K item) {
        rateLimiter.forget(item);
    }

    public int numRequeues(K item) {
        return rateLimiter.numRequeues(item);
    }

    /** Stops accepting items; workers blocked in {@link #get} return once the queue is empty. Does not wait. */
    public void shutDown() {
        delaying.shutDown();
        queue.shutDown();
    }

    /** As {@link #shutDown}, then waits until every item handed out has been marked {@link #done}. */
    public void shutDownWithDrain() throws InterruptedException {
        delaying.shutDown();
        queue.shutDownWithDrain();
    }

    public boolean isShuttingDown() {
        return queue.isShuttingDown();
    }

    int waitingCount() {
        return delaying.waitingCount();
    }

    long waitingReadyAt(K item) {
        return delaying.waitingReadyAt(item);
    }

    void wakeUpDelaying() {
        delaying.wakeUp();
    }

    /** Configuration of a {@link RateLimitingQueue}. */
    public static final class Builder<K> {
        private final String name;
        private RateLimiter<? super K> rateLimiter;
        private MeterRegistry registry;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Default: {@link RateLimiters#defaultControllerRateLimiter()}. */
        public Builder<K> rateLimiter(RateLimiter<? super K> rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** Where to register the workqueue_* metrics; none when {@code null} (the default). */
        public Builder<K> meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        Builder<K> nanoTime(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            return this;
        }

        public RateLimitingQueue<K> build() {
            RateLimiter<? super K> limiter = rateLimiter != null ? rateLimiter : RateLimiters.defaultControllerRateLimiter();
            return new RateLimitingQueue<>(name, limiter, registry, nanoTime);
        }
    }
}
