package io.kubeboot.controller.manager;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * client-go's {@code SharedInformerFactory}: one informer per resource type (all namespaces), shared by every
 * controller that asks for it, so the manager lists and watches each type once. Controllers ask for their
 * informers (and add handlers and indexers) before {@link #start()}; an informer asked for later is started at
 * once. Resync period per informer: random in [minResync, 2*minResync) as upstream's {@code ResyncPeriod}; none when
 * minResync is zero. Thread safe.
 */
public final class SharedInformers implements AutoCloseable {
    private final KubernetesClient client;
    private final Duration minResync;
    private final Map<Class<?>, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private boolean started;

    public SharedInformers(KubernetesClient client, Duration minResync) {
        this.client = client;
        this.minResync = minResync == null ? Duration.ZERO : minResync;
    }

    /** The shared informer of {@code type}, created on first use. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> SharedIndexInformer<T> informerFor(Class<T> type) {
        SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.get(type);
        if (informer == null) {
            informer = client.resources(type).inAnyNamespace().runnableInformer(resyncMillis());
            informers.put(type, informer);
            if (started) {
                informer.start();
            }
        }
        return informer;
    }

    private long resyncMillis() {
        long min = minResync.toMillis();
        return min <= 0 ? 0 : min + ThreadLocalRandom.current().nextLong(min);
    }

    public synchronized void start() {
        started = true;
        for (SharedIndexInformer<?> i : informers.values()) {
            i.start();
        }
    }

    public synchronized boolean hasSynced() {
        return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /**
     * Waits until every informer has synced.
     *
     * @return false when {@code timeout} passed or {@code keepWaiting} turned false first
     */
    public boolean awaitSynced(Duration timeout, BooleanSupplier keepWaiting) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasSynced()) {
            if (!keepWaiting.getAsBoolean() || System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The informed resource types, in creation order. */
    public synchronized List<Class<?>> types() {
        return new ArrayList<>(informers.keySet());
    }

    public synchronized void stop() {
        for (SharedIndexInformer<?> i : informers.values()) {
            i.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
