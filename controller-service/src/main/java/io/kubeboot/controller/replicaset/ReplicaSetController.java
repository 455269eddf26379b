package io.kubeboot.controller.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ActivePodsWithRanks;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.Fabric8PodControl;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.ControllerIndexes;
import io.kubeboot.controller.util.PodControl;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.controller.util.SlowStart;
import io.kubeboot.controller.util.UidTrackingExpectations;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstream {@code pkg/controller/replicaset}: keeps {@code spec.replicas} active pods for every ReplicaSet.
 *
 * <p>Per sync of a ReplicaSet key (never concurrently for one key): claim the namespace's active pods (adopt matching
 * orphans, release owned pods that stopped matching); if the expectations of earlier creates/deletes have been
 * observed, create missing pods in slow-start batches (at most {@value #BURST_REPLICAS} per sync) or delete surplus
 * pods in {@link ActivePodsWithRanks} order; then write the status (replicas, fullyLabeledReplicas, readyReplicas,
 * availableReplicas, observedGeneration, ReplicaFailure).
 */
public final class ReplicaSetController implements ManagedController {
    public static final String NAME = "replicaset";
    /** Upstream's BurstReplicas: the most pods created or deleted in one sync. */
    public static final int BURST_REPLICAS = 500;
    static final String API_VERSION = "apps/v1";
    static final String KIND = "ReplicaSet";
    /** Upstream statusUpdateRetries: one more status write after a fresh read. */
    private static final int STATUS_UPDATE_RETRIES = 1;

    private static final Logger log = LoggerFactory.getLogger(ReplicaSetController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<ReplicaSet> rsInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final PodControl podControl;
    private final UidTrackingExpectations expectations;
    private final Clock clock;
    private final ExecutorService calls;
    private final Controller<ObjectKey> controller;

    /**
     * @param workers upstream's --concurrent-replicaset-syncs
     */
    public ReplicaSetController(KubernetesClient client, SharedIndexInformer<ReplicaSet> rsInformer,
                                SharedIndexInformer<Pod> podInformer, PodControl podControl, int workers,
                                Duration cacheSyncTimeout, MeterRegistry registry, Clock clock) {
        this.client = client;
        this.rsInformer = rsInformer;
        this.podInformer = podInformer;
        this.podControl = podControl;
        this.clock = clock;
        this.expectations = new UidTrackingExpectations(clock);
        this.calls = Executors.newCachedThreadPool(daemonThreads());
        ControllerIndexes.ensure(podInformer);
        ControllerIndexes.ensure(rsInformer);
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::sync)
                .watchWith(rsInformer, q -> new ReplicaSetEventHandler(q, expectations))
                .watchWith(podInformer, q -> new PodEventHandler(q, expectations, this::resolveControllerRef, this::podReplicaSets))
                .build();
    }

    /** The manager's entry: "replicaset", on by default. */
    public static ControllerDescriptor descriptor() {
        return new ControllerDescriptor(NAME, false, ReplicaSetController::create);
    }

    static ReplicaSetController create(ControllerContext ctx) {
        PodControl podControl = new Fabric8PodControl(ctx.client(), ctx.eventRecorder("replicaset-controller"));
        return new ReplicaSetController(ctx.client(), ctx.informers().informerFor(ReplicaSet.class),
                ctx.informers().informerFor(Pod.class), podControl, ctx.properties().getConcurrentReplicasetSyncs(),
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
        boolean done = controller.stop(timeout);
        calls.shutdown();
        return done;
    }

    /** The expectations, for tests and diagnostics. */
    UidTrackingExpectations expectations() {
        return expectations;
    }

    // ------------------------------------------------------------------ lookups (informer caches)

    /** Upstream {@code resolveControllerRef}: the ReplicaSet a controller reference names, if it is (same uid) cached. */
    ReplicaSet resolveControllerRef(String namespace, OwnerReference ref) {
        if (!KIND.equals(ref.getKind())) {
            return null;
        }
        ReplicaSet rs = rsInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, ref.getName()));
        if (rs == null || !Objects.equals(rs.getMetadata().getUid(), ref.getUid())) {
            return null;
        }
        return rs;
    }

    /** Upstream {@code GetPodReplicaSets}: the ReplicaSets of the pod's namespace whose (non-empty) selector matches it. */
    List<ReplicaSet> podReplicaSets(Pod pod) {
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : rsInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace())) {
            LabelSelector selector;
            try {
                selector = LabelSelector.fromModel(rs.getSpec().getSelector());
            } catch (RuntimeException invalid) {
                continue;
            }
            if (!selector.isEmpty() && selector.matches(pod.getMetadata().getLabels())) {
                out.add(rs);
            }
        }
        if (out.size() > 1) {
            log.error("user error! more than one {} is selecting pods with labels: {}", KIND, pod.getMetadata().getLabels());
        }
        return out;
    }

    // ------------------------------------------------------------------ sync

    Result sync(ObjectKey key) throws Exception {
        long start = System.nanoTime();
        try {
            return syncReplicaSet(key);
        } finally {
            log.debug("Finished syncing {} {} in {} ms", KIND, key, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private Result syncReplicaSet(ObjectKey key) throws Exception {
        String rsKey = key.toString();
        ReplicaSet rs = rsInformer.getIndexer().getByKey(rsKey);
        if (rs == null) {
            log.debug("{} {} has been deleted", KIND, rsKey);
            expectations.deleteExpectations(rsKey);
            return Result.done();
        }
        boolean needsSync = expectations.satisfiedExpectations(rsKey);
        LabelSelector selector;
        try {
            selector = LabelSelector.fromModel(rs.getSpec().getSelector());
        } catch (RuntimeException e) {
            log.error("error converting pod selector to selector for rs {}: {}", rsKey, e.getMessage());
            return Result.done();
        }
        List<Pod> active = new ArrayList<>();
        // its own pods and the namespace's orphans: the only pods a claim can keep, release or adopt
        for (Pod p : ControllerIndexes.controlledByOrOrphan(podInformer, rs.getMetadata().getUid(), key.namespace())) {
            if (PodConditions.isPodActive(p)) {
                active.add(p);
            }
        }
        List<Pod> filtered = claimPods(rs, selector, active);

        Exception manageErr = null;
        if (needsSync && rs.getMetadata().getDeletionTimestamp() == null) {
            try {
                manageReplicas(filtered, rs, rsKey);
            } catch (Exception e) {
                manageErr = e;
            }
        }
        ReplicaSetStatus next = ReplicaSetStatusCalculator.calculate(rs, filtered, manageErr, clock.instant());
        ReplicaSet updated = updateStatus(rs, next);
        if (manageErr != null) {
            throw manageErr;
        }
        int replicas = ReplicaSetStatusCalculator.replicas(updated);
        int minReadySeconds = updated.getSpec().getMinReadySeconds() == null ? 0 : updated.getSpec().getMinReadySeconds();
        if (minReadySeconds > 0 && nz(updated.getStatus().getReadyReplicas()) == replicas
                && nz(updated.getStatus().getAvailableReplicas()) != replicas) {
            // resync after minReadySeconds as a last line of defense against clock skew (as upstream)
            return Result.requeueAfter(Duration.ofSeconds(minReadySeconds));
        }
        return Result.done();
    }

    private List<Pod> claimPods(ReplicaSet rs, LabelSelector selector, List<Pod> pods) throws Exception {
        PodControllerRefManager cm = new PodControllerRefManager(podControl, rs, selector, API_VERSION, KIND, () -> {
            ReplicaSet fresh = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                    .withName(rs.getMetadata().getName()).get();
            if (fresh == null) {
                throw new IllegalStateException("replicasets.apps \"" + rs.getMetadata().getName() + "\" not found");
            }
            if (!Objects.equals(fresh.getMetadata().getUid(), rs.getMetadata().getUid())) {
                throw new IllegalStateException("original " + KIND + " " + rs.getMetadata().getNamespace() + "/"
                        + rs.getMetadata().getName() + " is gone: got uid " + fresh.getMetadata().getUid()
                        + ", wanted " + rs.getMetadata().getUid());
            }
            if (fresh.getMetadata().getDeletionTimestamp() != null) {
                throw new IllegalStateException(rs.getMetadata().getNamespace() + "/" + rs.getMetadata().getName()
                        + " has just been deleted at " + fresh.getMetadata().getDeletionTimestamp());
            }
        });
        return cm.claimPods(pods);
    }

    /** Upstream {@code manageReplicas}: create or delete towards spec.replicas; throws the first failure. */
    void manageReplicas(List<Pod> filtered, ReplicaSet rs, String rsKey) throws Exception {
        int diff = filtered.size() - ReplicaSetStatusCalculator.replicas(rs);
        if (diff < 0) {
            int toCreate = Math.min(-diff, BURST_REPLICAS);
            expectations.expectCreations(rsKey, toCreate);
            log.info("Too few replicas: replicaSet={} need={} creating={}", rsKey, ReplicaSetStatusCalculator.replicas(rs), toCreate);
            OwnerReference controllerRef = PodControllerRefManager.controllerRef(rs, API_VERSION, KIND);
            SlowStart.Outcome outcome = SlowStart.run(toCreate, SlowStart.INITIAL_BATCH_SIZE, calls, () -> {
                try {
                    podControl.createPods(rs.getMetadata().getNamespace(), rs.getSpec().getTemplate(), rs, controllerRef);
                } catch (Exception e) {
                    // a terminating namespace rejects every create: nothing to retry
                    if (!ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                        throw e;
                    }
                }
            });
            int skipped = toCreate - outcome.successes();
            if (skipped > 0) {
                log.info("Slow-start failure. Skipping creation of {} pods, decrementing expectations for {}", skipped, rsKey);
                for (int i = 0; i < skipped; i++) {
                    // the informer will never see these pods
                    expectations.creationObserved(rsKey);
                }
            }
            if (outcome.error() != null) {
                throw outcome.error();
            }
        } else if (diff > 0) {
            int toDelete = Math.min(diff, BURST_REPLICAS);
            log.info("Too many replicas: replicaSet={} need={} deleting={}", rsKey, ReplicaSetStatusCalculator.replicas(rs), toDelete);
            List<Pod> related = indirectlyRelatedPods(rs);
            List<Pod> podsToDelete = ActivePodsWithRanks.podsToDelete(filtered, related, toDelete, clock.instant());
            expectations.expectDeletions(rsKey, podsToDelete.stream().map(ReplicaSetController::podKey).toList());
            List<CompletableFuture<Exception>> deletes = new ArrayList<>();
            for (Pod pod : podsToDelete) {
                deletes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        podControl.deletePod(rs.getMetadata().getNamespace(), pod.getMetadata().getName(), rs);
                        return null;
                    } catch (Exception e) {
                        // the informer will not observe this deletion
                        expectations.deletionObserved(rsKey, podKey(pod));
                        return ClientErrors.isNotFound(e) ? null : e;
                    }
                }, calls));
            }
            Exception first = null;
            for (CompletableFuture<Exception> f : deletes) {
                Exception e = f.join();
                if (e != null && first == null) {
                    first = e;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Upstream {@code getIndirectlyRelatedPods}: pods of all ReplicaSets with the same controller as {@code rs}. */
    private List<Pod> indirectlyRelatedPods(ReplicaSet rs) {
        OwnerReference ref = PodControllerRefManager.controllerOf(rs);
        if (ref == null) {
            return List.of();
        }
        List<Pod> related = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ReplicaSet other : ControllerIndexes.controlledBy(rsInformer, ref.getUid())) {
            LabelSelector selector;
            try {
                selector = LabelSelector.fromModel(other.getSpec().getSelector());
            } catch (RuntimeException invalid) {
                continue;
            }
            for (Pod pod : podInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, other.getMetadata().getNamespace())) {
                if (selector.matches(pod.getMetadata().getLabels()) && seen.add(pod.getMetadata().getUid())) {
                    related.add(pod);
                }
            }
        }
        return related;
    }

    /** Upstream {@code updateReplicaSetStatus}: skip when nothing changed, else write with one retry after a fresh read. */
    private ReplicaSet updateStatus(ReplicaSet rs, ReplicaSetStatus next) {
        if (ReplicaSetStatusCalculator.unchanged(rs, next)) {
            return rs;
        }
        next.setObservedGeneration(rs.getMetadata().getGeneration());
        ReplicaSet current = rs;
        for (int i = 0; ; i++) {
            ReplicaSet copy = new ReplicaSetBuilder(current).withStatus(next).build();
            try {
                return client.apps().replicaSets().inNamespace(copy.getMetadata().getNamespace()).resource(copy).updateStatus();
            } catch (RuntimeException e) {
                if (i >= STATUS_UPDATE_RETRIES) {
                    throw e;
                }
                current = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                        .withName(rs.getMetadata().getName()).get();
                if (current == null) {
                    throw e;
                }
            }
        }
    }

    static String podKey(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, NAME + "-calls-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
