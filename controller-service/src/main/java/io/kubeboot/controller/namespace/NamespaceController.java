package io.kubeboot.controller.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.workqueue.RateLimiters;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Upstream {@code pkg/controller/namespace}: deletes everything in a namespace that is being deleted, then
 * finalizes it (see {@link NamespacedResourcesDeleter}). Only namespaces with a deletionTimestamp are queued, each
 * {@value #DELETION_GRACE_SECONDS}s after the event so late creations inside it are seen too. Content still going
 * away requeues after half the estimate; a namespace still held by other finalizers is looked at again every
 * namespace sync period (upstream's informer resync).
 */
public final class NamespaceController implements ManagedController {
    public static final String NAME = "namespace";
    /** Upstream namespaceDeletionGracePeriod. */
    static final long DELETION_GRACE_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

    private final SharedIndexInformer<Namespace> informer;
    private final NamespacedResourcesDeleter deleter;
    private final Duration syncPeriod;
    private final Controller<ObjectKey> controller;

    public NamespaceController(KubernetesClient client, SharedIndexInformer<Namespace> informer, int workers,
                               Duration syncPeriod, Duration cacheSyncTimeout, MeterRegistry registry, Clock clock) {
        this.informer = informer;
        this.deleter = new NamespacedResourcesDeleter(client, clock);
        this.syncPeriod = syncPeriod;
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                // upstream: per-item exponential 5ms..60s, no overall bucket
                .rateLimiter(RateLimiters.itemExponentialFailure(Duration.ofMillis(5), Duration.ofSeconds(60)))
                .reconciler(this::sync)
                .watchWith(informer, EnqueueDeleted::new)
                .build();
    }

    /** The manager's entry: "namespace", on by default. */
    public static ControllerDescriptor descriptor() {
        return new ControllerDescriptor(NAME, false, NamespaceController::create);
    }

    static NamespaceController create(ControllerContext ctx) {
        return new NamespaceController(ctx.client(), ctx.informers().informerFor(Namespace.class),
                ctx.properties().getConcurrentNamespaceSyncs(), ctx.properties().getNamespaceSyncPeriod(),
                ctx.properties().getCacheSyncTimeout(), ctx.registry(), Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        controller.start();
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        return controller.stop(timeout);
    }

    Result sync(ObjectKey key) throws Exception {
        Namespace cached = informer.getIndexer().getByKey(key.toString());
        if (cached == null) {
            return Result.done();
        }
        long start = System.nanoTime();
        try {
            deleter.delete(key.name());
        } catch (NamespacedResourcesDeleter.ResourcesRemainingException e) {
            log.debug("Content remaining in namespace {}: {}", key.name(), e.getMessage());
            return Result.requeueAfter(Duration.ofSeconds(Math.max(1, e.estimate / 2)));
        } finally {
            log.debug("Finished syncing namespace {} in {} ms", key.name(), (System.nanoTime() - start) / 1_000_000);
        }
        return cached.getMetadata().getDeletionTimestamp() != null && !syncPeriod.isZero()
                ? Result.requeueAfter(syncPeriod) : Result.done();
    }

    /** Upstream {@code enqueueNamespace}: only namespaces being deleted, after the deletion grace period. */
    private static final class EnqueueDeleted implements ResourceEventHandler<Namespace> {
        private final RateLimitingQueue<ObjectKey> queue;

        EnqueueDeleted(RateLimitingQueue<ObjectKey> queue) {
            this.queue = queue;
        }

        private void enqueue(Namespace ns) {
            if (ns != null && ns.getMetadata().getDeletionTimestamp() != null) {
                queue.addAfter(ObjectKey.of(ns), Duration.ofSeconds(DELETION_GRACE_SECONDS));
            }
        }

        @Override
        public void onAdd(Namespace ns) {
            enqueue(ns);
        }

        @Override
        public void onUpdate(Namespace oldNs, Namespace newNs) {
            enqueue(newNs);
        }

        @Override
        public void onDelete(Namespace ns, boolean deletedFinalStateUnknown) {
            // gone: nothing left to do
        }
    }
}
