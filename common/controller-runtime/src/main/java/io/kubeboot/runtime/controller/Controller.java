package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.runtime.workqueue.RateLimiter;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A reconcile loop: a {@link RateLimitingQueue} of keys fed by informer handlers, and N worker threads that take
 * keys and call the {@link Reconciler} (client-go's controller pattern, controller-runtime's {@code Controller}).
 *
 * <p>Per key outcome: exception -> {@code addRateLimited} (backoff); {@link Result#requeueAfter} -> forget,
 * then {@code addAfter}; {@link Result#requeue()} -> {@code addRateLimited}; {@link Result#done()} -> forget.
 *
 * <p>{@link #start()} waits until every watched informer has synced (so reconcilers see a complete cache), then
 * starts the workers. {@link #stop(Duration)} is graceful: workers take no new keys, reconciles in flight finish.
 * A controller is started and stopped once. Informers are started and stopped by their owner, not here.
 *
 * <p>Objects in informer caches are shared by all handlers and reconcilers: never mutate them.
 *
 * @param <K> the key type, usually {@link ObjectKey}
 */
public final class Controller<K> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    private final String name;
    private final Reconciler<K> reconciler;
    private final int workers;
    private final Duration cacheSyncTimeout;
    private final RateLimitingQueue<K> queue;
    private final List<Registration> registrations;
    private final ControllerMetrics metrics;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean started;
    private volatile boolean stopping;

    private Controller(Builder<K> b) {
        this.name = b.name;
        this.reconciler = b.reconciler;
        this.workers = b.workers;
        this.cacheSyncTimeout = b.cacheSyncTimeout;
        this.queue = RateLimitingQueue.<K>builder(b.name).rateLimiter(b.rateLimiter).meterRegistry(b.registry).build();
        this.metrics = new ControllerMetrics(b.registry, b.name, b.workers);
        List<Registration> regs = new ArrayList<>();
        for (Watch<K, ?> w : b.watches) {
            regs.add(w.register(queue));
        }
        this.registrations = List.copyOf(regs);
    }

    public static <K> Builder<K> builder() {
        return new Builder<>();
    }

    public String name() {
        return name;
    }

    /** The controller's queue: for handlers of its own and for {@code addAfter}-style scheduling. */
    public RateLimitingQueue<K> queue() {
        return queue;
    }

    public void enqueue(K key) {
        queue.add(key);
    }

    /**
     * Waits for the watched informers to sync, then starts the workers.
     *
     * @throws IllegalStateException when already started, or when the caches did not sync within the timeout
     * @throws InterruptedException  when interrupted while waiting for the caches
     */
    public synchronized void start() throws InterruptedException {
        if (started) {
            throw new IllegalStateException("controller " + name + " was already started");
        }
        started = true;
        long deadline = System.nanoTime() + cacheSyncTimeout.toNanos();
        while (!registrations.stream().allMatch(r -> r.informer.hasSynced())) {
            if (stopping) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("failed to wait for " + name
                        + " caches to sync: timed out waiting for cache to be synced");
            }
            Thread.sleep(50);
        }
        log.info("Starting workers for controller {} (worker count {})", name, workers);
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, name + "-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Stops taking keys, waits up to {@code timeout} for reconciles in flight, and removes the informer handlers.
     *
     * @return whether all workers finished within the timeout
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        queue.shutDown();
        registrations.forEach(Registration::remove);
        List<Thread> toJoin;
        synchronized (this) {
            toJoin = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (Thread t : toJoin) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
            all &= !t.isAlive();
        }
        log.info("Stopped controller {}{}", name, all ? "" : " (reconciles still running)");
        return all;
    }

    /** {@link #stop(Duration)} with 30 seconds. */
    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        metrics.workerStarted();
        try {
            while (true) {
                K key;
                try {
                    key = queue.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (key == null) {
                    return;
                }
                try {
                    if (stopping) {
                        return;
                    }
                    reconcileOne(key);
                } finally {
                    queue.done(key);
                }
            }
        } finally {
            metrics.workerFinished();
        }
    }

    private void reconcileOne(K key) {
        long start = System.nanoTime();
        Result result;
        try {
            result = Objects.requireNonNull(reconciler.reconcile(key), "reconciler returned null");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.addRateLimited(key);
            metrics.reconciled(ControllerMetrics.Outcome.ERROR, System.nanoTime() - start);
            return;
        } catch (Exception e) {
            log.error("Reconciler error: controller={} key={}", name, key, e);
            queue.addRateLimited(key);
            metrics.reconciled(ControllerMetrics.Outcome.ERROR, System.nanoTime() - start);
            return;
        }
        long took = System.nanoTime() - start;
        if (result.getRequeueAfter().isPresent()) {
            queue.forget(key);
            queue.addAfter(key, result.getRequeueAfter().get());
            metrics.reconciled(ControllerMetrics.Outcome.REQUEUE_AFTER, took);
        } else if (result.isRequeue()) {
            queue.addRateLimited(key);
            metrics.reconciled(ControllerMetrics.Outcome.REQUEUE, took);
        } else {
            queue.forget(key);
            metrics.reconciled(ControllerMetrics.Outcome.SUCCESS, took);
        }
    }

    private record Registration(SharedIndexInformer<?> informer, Runnable removal) {
        void remove() {
            removal.run();
        }
    }

    private record Watch<K, T extends HasMetadata>(SharedIndexInformer<T> informer,
            Function<RateLimitingQueue<K>, ResourceEventHandler<? super T>> handlerFactory) {
        Registration register(RateLimitingQueue<K> queue) {
            return new Registration(informer, HandlerFanout.add(informer, handlerFactory.apply(queue)));
        }
    }

    /** Wiring of a {@link Controller}. {@code name} and {@code reconciler} are required. */
    public static final class Builder<K> {
        private String name;
        private Reconciler<K> reconciler;
        private int workers = 1;
        private RateLimiter<? super K> rateLimiter;
        private MeterRegistry registry;
        private Duration cacheSyncTimeout = Duration.ofMinutes(2);
        private final List<Watch<K, ?>> watches = new ArrayList<>();

        private Builder() {
        }

        /** Names the queue, the worker threads and the metrics; e.g. "replicaset". */
        public Builder<K> name(String name) {
            this.name = name;
            return this;
        }

        public Builder<K> reconciler(Reconciler<K> reconciler) {
            this.reconciler = reconciler;
            return this;
        }

        /** Concurrent reconciles (each of a different key); default 1. */
        public Builder<K> workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = workers;
            return this;
        }

        /** Default: {@code RateLimiters.defaultControllerRateLimiter()}. */
        public Builder<K> rateLimiter(RateLimiter<? super K> rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** Where the workqueue_* and controller_runtime_* metrics go; none when {@code null} (default). */
        public Builder<K> meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** How long {@link Controller#start()} waits for the watched informers to sync; default 2 minutes. */
        public Builder<K> cacheSyncTimeout(Duration timeout) {
            this.cacheSyncTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Enqueues {@code keyFn(object)} for every event of {@code informer} (see {@link InformerHandlers#enqueueing}). */
        public <T extends HasMetadata> Builder<K> watch(SharedIndexInformer<T> informer, Function<? super T, ? extends K> keyFn) {
            return watchWith(informer, q -> InformerHandlers.enqueueing(q, keyFn));
        }

        /**
         * Registers the handler {@code handlerFactory} makes for this controller's queue on {@code informer}, e.g.
         * {@code q -> InformerHandlers.enqueueingControllerOwner(q, "apps/v1", "ReplicaSet")}.
         */
        public <T extends HasMetadata> Builder<K> watchWith(SharedIndexInformer<T> informer,
                Function<RateLimitingQueue<K>, ResourceEventHandler<? super T>> handlerFactory) {
            watches.add(new Watch<>(Objects.requireNonNull(informer, "informer"), Objects.requireNonNull(handlerFactory)));
            return this;
        }

        /** Builds the controller and registers its informer handlers (events are queued from now on). */
        public Controller<K> build() {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reconciler, "reconciler");
            return new Controller<>(this);
        }
    }
}
