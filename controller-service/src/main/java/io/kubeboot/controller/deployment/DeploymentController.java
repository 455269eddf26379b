package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.controller.util.ControllerIndexes;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream {@code pkg/controller/deployment}: rolls Deployments out through ReplicaSets named
 * {@code <deployment>-<pod-template-hash>}.
 *
 * <p>Per sync of a Deployment key (never concurrently for one key), on a copy of the cached Deployment: a Deployment
 * selecting everything only gets a warning; otherwise claim the namespace's ReplicaSets (adopt, release), then:
 * being deleted: status only; paused: scale and status (no rollout); a server-side rollback request: roll back; a
 * scaling event (an active ReplicaSet was last scaled for another spec.replicas): proportional scaling; else one
 * step of the Recreate or RollingUpdate strategy and the rollout status. The ReplicaSet controller creates the pods.
 */
public final class DeploymentController implements ManagedController {
    public static final String NAME = "deployment";
    /** Upstream --concurrent-deployment-syncs default. */
    public static final int CONCURRENT_DEPLOYMENT_SYNCS = 5;

    private static final Logger log = LoggerFactory.getLogger(DeploymentController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Deployment> dInformer;
    private final SharedIndexInformer<ReplicaSet> rsInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final EventRecorder recorder;
    private final DeploymentSync sync;
    private final RollingRollout rolling;
    private final RecreateRollout recreate;
    private final Rollback rollback;
    private final Controller<ObjectKey> controller;

    public DeploymentController(KubernetesClient client, SharedIndexInformer<Deployment> dInformer,
                                SharedIndexInformer<ReplicaSet> rsInformer, SharedIndexInformer<Pod> podInformer,
                                EventRecorder recorder, int workers, Duration cacheSyncTimeout, MeterRegistry registry, Clock clock) {
        this.client = client;
        this.dInformer = dInformer;
        this.rsInformer = rsInformer;
        this.podInformer = podInformer;
        ControllerIndexes.ensure(podInformer);
        ControllerIndexes.ensure(rsInformer);
        this.recorder = recorder;
        PodTemplateHash hash = PodTemplateHash.v1_32();
        this.sync = new DeploymentSync(client, recorder, new ReplicaSetScaler(client, recorder), new TemplateMatcher(hash), hash,
                (ns, name) -> rsInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(ns, name)), clock);
        this.rolling = new RollingRollout(sync);
        this.recreate = new RecreateRollout(sync);
        this.rollback = new Rollback(client, recorder, sync);
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::syncDeployment)
                .watchWith(dInformer, DeploymentEventHandlers::deployments)
                .watchWith(rsInformer, q -> DeploymentEventHandlers.replicaSets(q, this::resolveControllerRef, this::deploymentsForReplicaSet))
                .watchWith(podInformer, q -> DeploymentEventHandlers.pods(q, this::deploymentForPod, this::hasNoPods))
                .build();
    }

    /** The manager's entry: "deployment", on by default. */
    public static ControllerDescriptor descriptor() {
        return new ControllerDescriptor(NAME, false, DeploymentController::create);
    }

    static DeploymentController create(ControllerContext ctx) {
        return new DeploymentController(ctx.client(), ctx.informers().informerFor(Deployment.class),
                ctx.informers().informerFor(ReplicaSet.class), ctx.informers().informerFor(Pod.class),
                ctx.eventRecorder("deployment-controller"), CONCURRENT_DEPLOYMENT_SYNCS, ctx.properties().getCacheSyncTimeout(),
                ctx.registry(), Clock.systemUTC());
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

    // ------------------------------------------------------------------ lookups (informer caches)

    /** Upstream {@code resolveControllerRef}: the cached Deployment a controller ref names, if the uid matches. */
    Deployment resolveControllerRef(String namespace, OwnerReference ref) {
        if (!ReplicaSetClaimer.KIND.equals(ref.getKind())) {
            return null;
        }
        Deployment d = dInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, ref.getName()));
        return d != null && Objects.equals(d.getMetadata().getUid(), ref.getUid()) ? d : null;
    }

    /**
     * Upstream {@code GetDeploymentsForReplicaSet}: the namespace's Deployments whose non-empty selector matches the
     * ReplicaSet's labels (none for a ReplicaSet without labels).
     */
    List<Deployment> deploymentsForReplicaSet(ReplicaSet rs) {
        List<Deployment> out = new ArrayList<>();
        if (rs.getMetadata().getLabels() == null || rs.getMetadata().getLabels().isEmpty()) {
            return out;
        }
        for (Deployment d : dInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, rs.getMetadata().getNamespace())) {
            LabelSelector selector;
            try {
                selector = LabelSelector.fromModel(d.getSpec().getSelector());
            } catch (RuntimeException invalid) {
                continue;
            }
            if (!selector.isEmpty() && selector.matches(rs.getMetadata().getLabels())) {
                out.add(d);
            }
        }
        if (out.size() > 1) {
            log.info("user error! more than one deployment is selecting replica set {}/{} with labels {}",
                    rs.getMetadata().getNamespace(), rs.getMetadata().getName(), rs.getMetadata().getLabels());
        }
        return out;
    }

    /** Upstream {@code getDeploymentForPod}: pod to its controlling ReplicaSet to that one's Deployment. */
    Deployment deploymentForPod(Pod pod) {
        OwnerReference ref = PodControllerRefManager.controllerOf(pod);
        if (ref == null || !"ReplicaSet".equals(ref.getKind())) {
            return null;
        }
        ReplicaSet rs = rsInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(pod.getMetadata().getNamespace(), ref.getName()));
        if (rs == null || !Objects.equals(rs.getMetadata().getUid(), ref.getUid())) {
            return null;
        }
        OwnerReference rsRef = PodControllerRefManager.controllerOf(rs);
        return rsRef == null ? null : resolveControllerRef(rs.getMetadata().getNamespace(), rsRef);
    }

    /** Whether none of the Deployment's ReplicaSets has pods left (the Recreate wait). */
    boolean hasNoPods(Deployment d) {
        List<ReplicaSet> owned = ControllerIndexes.controlledBy(rsInformer, d.getMetadata().getUid());
        return podMap(d, owned).values().stream().allMatch(List::isEmpty);
    }

    /**
     * Upstream {@code getPodMapForDeployment}: the namespace's pods matching the Deployment's selector, grouped by
     * the uid of the given ReplicaSet controlling them (every ReplicaSet gets an entry).
     */
    Map<String, List<Pod>> podMap(Deployment d, List<ReplicaSet> rsList) {
        Map<String, List<Pod>> map = new LinkedHashMap<>();
        for (ReplicaSet rs : rsList) {
            map.put(rs.getMetadata().getUid(), new ArrayList<>());
        }
        LabelSelector selector;
        try {
            selector = LabelSelector.fromModel(d.getSpec().getSelector());
        } catch (RuntimeException invalid) {
            return map;
        }
        // the pods each ReplicaSet controls, from the controller-UID index (not a scan of the namespace)
        for (Map.Entry<String, List<Pod>> e : map.entrySet()) {
            for (Pod pod : ControllerIndexes.controlledBy(podInformer, e.getKey())) {
                if (selector.matches(pod.getMetadata().getLabels())) {
                    e.getValue().add(pod);
                }
            }
        }
        return map;
    }

    // ------------------------------------------------------------------ sync

    Result syncDeployment(ObjectKey key) throws Exception {
        long start = System.nanoTime();
        try {
            return doSync(key);
        } catch (Exception e) {
            if (ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                // every later create fails the same way: nothing to retry
                return Result.done();
            }
            throw e;
        } finally {
            log.debug("Finished syncing deployment {} in {} ms", key, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private Result doSync(ObjectKey key) {
        Deployment cached = dInformer.getIndexer().getByKey(key.toString());
        if (cached == null) {
            log.debug("Deployment {} has been deleted", key);
            return Result.done();
        }
        Deployment d = Copies.of(cached);
        LabelSelector selector;
        try {
            selector = LabelSelector.fromModel(d.getSpec().getSelector());
        } catch (RuntimeException invalid) {
            log.error("invalid selector of deployment {}: {}", key, invalid.getMessage());
            return Result.done();
        }
        if (d.getSpec().getSelector() != null && selector.isEmpty()) {
            recorder.event(d, EventRecorder.WARNING, "SelectingAll",
                    "This deployment is selecting all pods. A non-empty selector is required.");
            if ((d.getStatus() == null || d.getStatus().getObservedGeneration() == null ? 0 : d.getStatus().getObservedGeneration())
                    < DeploymentSpecs.generation(d)) {
                if (d.getStatus() == null) {
                    d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
                }
                d.getStatus().setObservedGeneration(DeploymentSpecs.generation(d));
                sync.updateStatus(d);
            }
            return Result.done();
        }
        // upstream lists the namespace's ReplicaSets and claims among them; only its own and the orphans can be claimed
        List<ReplicaSet> all = ControllerIndexes.controlledByOrOrphan(rsInformer, d.getMetadata().getUid(), key.namespace());
        List<ReplicaSet> rsList = new ReplicaSetClaimer(client, d, selector).claim(all);
        Map<String, List<Pod>> podMap = podMap(d, rsList);

        if (d.getMetadata().getDeletionTimestamp() != null) {
            sync.syncStatusOnly(d, rsList);
            return Result.done();
        }
        sync.checkPausedConditions(d);
        if (DeploymentSpecs.paused(d)) {
            sync.sync(d, rsList);
            return Result.done();
        }
        if (Rollback.rollbackTo(d).isPresent()) {
            rollback.rollback(d, rsList);
            return Result.done();
        }
        if (sync.isScalingEvent(d, rsList)) {
            sync.sync(d, rsList);
            return Result.done();
        }
        return switch (DeploymentSpecs.strategyType(d)) {
            case DeploymentSpecs.RECREATE -> recreate.rollout(d, rsList, podMap);
            case DeploymentSpecs.ROLLING_UPDATE -> rolling.rollout(d, rsList);
            default -> throw new IllegalStateException("unexpected deployment strategy type: " + DeploymentSpecs.strategyType(d));
        };
    }
}
