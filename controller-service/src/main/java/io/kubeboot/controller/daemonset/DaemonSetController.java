package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ControllerExpectations;
import io.kubeboot.controller.util.Fabric8PodControl;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.PodControl;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.controller.util.SlowStart;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstream {@code pkg/controller/daemon}: one pod of each DaemonSet on every node that should run it
 * ({@link DaemonPods#nodeShouldRunDaemonPod}).
 *
 * <p>Per sync of a DaemonSet key: claim the namespace's pods, group them by target node; unless expectations are
 * pending, create pods for eligible nodes without one (each pod pinned by required node affinity
 * {@code matchFields metadata.name In [node]}, left to the scheduler to bind, labelled with
 * {@value DaemonPods#REVISION_HASH_LABEL} of the current revision), delete pods on nodes that should not keep them,
 * failed pods (with backoff), succeeded pods, all but the oldest of duplicates (with surge: the oldest old and new
 * one) and unscheduled pods of vanished nodes; then roll out a changed template (RollingUpdate within maxUnavailable,
 * or with maxSurge new pods first; OnDelete waits); then trim the history and write the status.
 *
 * <p>History (upstream {@code constructHistory}): every template is a ControllerRevision {@code <ds>-<hash>}
 * ({@link DaemonSetHistory}); the current template's revision is found or created and numbered above all others,
 * and its {@value DaemonPods#REVISION_HASH_LABEL} label is the hash the pods are labelled and judged by. That is
 * what {@code kubectl rollout history} lists and {@code kubectl rollout undo} restores.
 */
public final class DaemonSetController implements ManagedController {
    public static final String NAME = "daemonset";
    /** Upstream --concurrent-daemonset-syncs. */
    public static final int DEFAULT_WORKERS = 2;
    /** Upstream BurstReplicas of the DaemonSet controller. */
    static final int BURST_REPLICAS = 250;
    static final String API_VERSION = "apps/v1";
    static final String KIND = "DaemonSet";
    private static final Logger log = LoggerFactory.getLogger(DaemonSetController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<DaemonSet> dsInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<Node> nodeInformer;
    private final SharedIndexInformer<ControllerRevision> historyInformer;
    private final HistoryControl history;
    private final PodControl podControl;
    private final EventRecorder recorder;
    private final Clock clock;
    private final ControllerExpectations expectations;
    private final FailedPodsBackoff failedPodsBackoff = new FailedPodsBackoff(Duration.ofSeconds(1), Duration.ofMinutes(15));
    private final ExecutorService calls;
    private final Controller<ObjectKey> controller;

    public DaemonSetController(KubernetesClient client, SharedIndexInformer<DaemonSet> dsInformer, SharedIndexInformer<Pod> podInformer,
                               SharedIndexInformer<Node> nodeInformer, SharedIndexInformer<ControllerRevision> historyInformer,
                               PodControl podControl, EventRecorder recorder, int workers,
                               Duration cacheSyncTimeout, MeterRegistry registry, Clock clock) {
        this.client = client;
        this.dsInformer = dsInformer;
        this.podInformer = podInformer;
        this.nodeInformer = nodeInformer;
        this.historyInformer = historyInformer;
        this.history = new HistoryControl(client, historyInformer);
        this.podControl = podControl;
        this.recorder = recorder;
        this.clock = clock;
        this.expectations = new ControllerExpectations(clock);
        this.calls = Executors.newCachedThreadPool(daemonThreads());
        this.controller = Controller.<ObjectKey>builder()
                .name(NAME)
                .workers(workers)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::sync)
                .watchWith(dsInformer, q -> new DaemonSetEventHandlers.DaemonSets(q, expectations))
                .watchWith(podInformer, q -> new DaemonSetEventHandlers.Pods(q, expectations, this::resolveControllerRef, this::podDaemonSets))
                .watchWith(nodeInformer, q -> new DaemonSetEventHandlers.Nodes(q, () -> dsInformer.getIndexer().list()))
                .watchWith(historyInformer, q -> new DaemonSetEventHandlers.Histories(q, this::resolveControllerRef, this::historyDaemonSets))
                .build();
    }

    /** The manager's entry: "daemonset", on by default. */
    public static ControllerDescriptor descriptor() {
        return new ControllerDescriptor(NAME, false, DaemonSetController::create);
    }

    static DaemonSetController create(ControllerContext ctx) {
        EventRecorder recorder = ctx.eventRecorder("daemonset-controller");
        return new DaemonSetController(ctx.client(), ctx.informers().informerFor(DaemonSet.class), ctx.informers().informerFor(Pod.class),
                ctx.informers().informerFor(Node.class), ctx.informers().informerFor(ControllerRevision.class), new Fabric8PodControl(ctx.client(), recorder), recorder, DEFAULT_WORKERS,
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

    DaemonSet resolveControllerRef(String namespace, OwnerReference ref) {
        if (!KIND.equals(ref.getKind())) {
            return null;
        }
        DaemonSet ds = dsInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, ref.getName()));
        return ds != null && Objects.equals(ds.getMetadata().getUid(), ref.getUid()) ? ds : null;
    }

    /** Upstream {@code GetPodDaemonSets}: the namespace's DaemonSets whose (non-empty) selector matches the pod. */
    List<DaemonSet> podDaemonSets(Pod pod) {
        List<DaemonSet> out = new ArrayList<>();
        for (DaemonSet ds : dsInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace())) {
            try {
                LabelSelector s = LabelSelector.fromModel(ds.getSpec().getSelector());
                if (!s.isEmpty() && s.matches(pod.getMetadata().getLabels())) {
                    out.add(ds);
                }
            } catch (RuntimeException invalid) {
                // selects nothing
            }
        }
        return out;
    }

    /**
     * Upstream {@code GetHistoryDaemonSets}: the namespace's DaemonSets whose (non-empty) selector matches the
     * revision's (non-empty) labels.
     */
    List<DaemonSet> historyDaemonSets(ControllerRevision revision) {
        List<DaemonSet> out = new ArrayList<>();
        Map<String, String> labels = revision.getMetadata().getLabels();
        if (labels == null || labels.isEmpty()) {
            return out;
        }
        for (DaemonSet ds : dsInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, revision.getMetadata().getNamespace())) {
            try {
                LabelSelector s = LabelSelector.fromModel(ds.getSpec().getSelector());
                if (!s.isEmpty() && s.matches(labels)) {
                    out.add(ds);
                }
            } catch (RuntimeException invalid) {
                // selects nothing
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ sync

    Result sync(ObjectKey objectKey) throws Exception {
        String key = objectKey.toString();
        DaemonSet ds = dsInformer.getIndexer().getByKey(key);
        if (ds == null) {
            expectations.deleteExpectations(key);
            return Result.done();
        }
        List<Node> nodes = nodeInformer.getIndexer().list();
        var sel = ds.getSpec().getSelector();
        if (sel == null || ((sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty()))) {
            recorder.event(ds, EventRecorder.WARNING, "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.");
            return Result.done();
        }
        if (ds.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        HistoryControl.Constructed revisions;
        try {
            revisions = history.construct(ds, () -> allPods(nodeToDaemonPods(ds, false)), canAdopt(ds));
        } catch (Exception e) {
            throw new IllegalStateException("failed to construct revisions of DaemonSet: " + e.getMessage(), e);
        }
        String hash = revisions.hash();
        Instant now = clock.instant();
        if (!expectations.satisfiedExpectations(key)) {
            // only the status; observedGeneration stays, this generation was not processed
            return updateStatus(ds, nodes, hash, false, now);
        }
        Exception err = null;
        try {
            manage(objectKey, ds, nodes, hash, now);
            if (expectations.satisfiedExpectations(key) && ds.getSpec().getUpdateStrategy() != null
                    && "RollingUpdate".equals(ds.getSpec().getUpdateStrategy().getType())) {
                RollingUpdate.Plan plan = RollingUpdate.plan(ds, nodes, nodeToDaemonPods(ds), hash, now);
                syncNodes(ds, plan.podsToDelete(), plan.nodesToCreate(), hash);
            }
            try {
                // deleted terminal pods too: their revision is still in use
                history.cleanup(ds, revisions.old(), allPods(nodeToDaemonPods(ds, true)));
            } catch (Exception e) {
                throw new IllegalStateException("failed to clean up revisions of DaemonSet: " + e.getMessage(), e);
            }
        } catch (Exception e) {
            err = e;
        }
        Result r;
        try {
            r = updateStatus(ds, nodes, hash, true, now);
        } catch (Exception statusErr) {
            if (err != null) {
                log.error("Failed to update status of DaemonSet {}", key, statusErr);
                throw err;
            }
            throw statusErr;
        }
        if (err != null) {
            throw err;
        }
        return r;
    }

    private Map<String, List<Pod>> nodeToDaemonPods(DaemonSet ds) throws Exception {
        return nodeToDaemonPods(ds, false);
    }

    private static List<Pod> allPods(Map<String, List<Pod>> byNode) {
        List<Pod> out = new ArrayList<>();
        byNode.values().forEach(out::addAll);
        return out;
    }

    /** Upstream {@code RecheckDeletionTimestamp} of the DaemonSet: a fresh read before adopting anything. */
    private PodControllerRefManager.CanAdopt canAdopt(DaemonSet ds) {
        return () -> {
            DaemonSet fresh = client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).withName(ds.getMetadata().getName()).get();
            if (fresh == null) {
                throw new IllegalStateException("daemonsets.apps \"" + ds.getMetadata().getName() + "\" not found");
            }
            if (!Objects.equals(fresh.getMetadata().getUid(), ds.getMetadata().getUid())) {
                throw new IllegalStateException("original DaemonSet " + ds.getMetadata().getNamespace() + "/" + ds.getMetadata().getName()
                        + " is gone: got uid " + fresh.getMetadata().getUid() + ", wanted " + ds.getMetadata().getUid());
            }
            if (fresh.getMetadata().getDeletionTimestamp() != null) {
                throw new IllegalStateException(ds.getMetadata().getNamespace() + "/" + ds.getMetadata().getName()
                        + " has just been deleted at " + fresh.getMetadata().getDeletionTimestamp());
            }
        };
    }

    /**
     * Upstream {@code getDaemonPods} + {@code getNodesToDaemonPods}: claimed pods by target node; terminal pods
     * being deleted are left out unless {@code includeDeletedTerminal}.
     */
    private Map<String, List<Pod>> nodeToDaemonPods(DaemonSet ds, boolean includeDeletedTerminal) throws Exception {
        LabelSelector selector = LabelSelector.fromModel(ds.getSpec().getSelector());
        List<Pod> pods = podInformer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ds.getMetadata().getNamespace());
        PodControllerRefManager cm = new PodControllerRefManager(podControl, ds, selector, API_VERSION, KIND, canAdopt(ds));
        Map<String, List<Pod>> out = new LinkedHashMap<>();
        for (Pod pod : cm.claimPods(pods)) {
            String phase = PodConditions.phase(pod);
            boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
            if (terminal && pod.getMetadata().getDeletionTimestamp() != null && !includeDeletedTerminal) {
                continue;
            }
            Optional<String> node = DaemonPods.targetNodeName(pod);
            if (node.isEmpty()) {
                log.debug("Failed to get target node name of Pod {}/{} in DaemonSet {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), ObjectKey.of(ds));
                continue;
            }
            out.computeIfAbsent(node.get(), k -> new ArrayList<>()).add(pod);
        }
        return out;
    }

    /** Upstream {@code manage}: the creates and deletes each node needs; failed pods make the sync fail (backoff). */
    private void manage(ObjectKey objectKey, DaemonSet ds, List<Node> nodes, String hash, Instant now) throws Exception {
        Map<String, List<Pod>> nodeToPods = nodeToDaemonPods(ds);
        List<String> nodesNeeding = new ArrayList<>();
        List<String> podsToDelete = new ArrayList<>();
        int failedPodsObserved = 0;
        for (Node node : nodes) {
            String nodeName = node.getMetadata().getName();
            DaemonPods.Eligibility e = DaemonPods.nodeShouldRunDaemonPod(node, ds);
            List<Pod> daemonPods = nodeToPods.get(nodeName);
            boolean exists = daemonPods != null;
            if (e.shouldRun() && !exists) {
                nodesNeeding.add(nodeName);
            } else if (e.shouldContinueRunning()) {
                List<Pod> running = new ArrayList<>();
                for (Pod pod : daemonPods == null ? List.<Pod>of() : daemonPods) {
                    if (pod.getMetadata().getDeletionTimestamp() != null) {
                        continue;
                    }
                    String phase = PodConditions.phase(pod);
                    if ("Failed".equals(phase)) {
                        failedPodsObserved++;
                        // the kubelet may keep rejecting the pod: don't hot-loop kill and recreate
                        String backoffKey = ds.getMetadata().getUid() + "/"
                                + (ds.getStatus() == null || ds.getStatus().getObservedGeneration() == null ? 0 : ds.getStatus().getObservedGeneration())
                                + "/" + nodeName;
                        if (failedPodsBackoff.isInBackOffSinceUpdate(backoffKey, now)) {
                            controller.queue().addAfter(objectKey, failedPodsBackoff.get(backoffKey));
                            continue;
                        }
                        failedPodsBackoff.next(backoffKey, now);
                        String msg = String.format("Found failed daemon pod %s/%s on node %s, will try to kill it",
                                pod.getMetadata().getNamespace(), pod.getMetadata().getName(), nodeName);
                        recorder.event(ds, EventRecorder.WARNING, "FailedDaemonPod", msg);
                        podsToDelete.add(pod.getMetadata().getName());
                    } else if ("Succeeded".equals(phase)) {
                        String msg = String.format("Found succeeded daemon pod %s/%s on node %s, will try to delete it",
                                pod.getMetadata().getNamespace(), pod.getMetadata().getName(), nodeName);
                        recorder.event(ds, EventRecorder.NORMAL, "SucceededDaemonPod", msg);
                        podsToDelete.add(pod.getMetadata().getName());
                    } else {
                        running.add(pod);
                    }
                }
                if (!RollingUpdate.allowsSurge(ds)) {
                    if (running.size() > 1) {
                        running.sort(DaemonPods.BY_CREATION_AND_PHASE);
                        for (int i = 1; i < running.size(); i++) {
                            podsToDelete.add(running.get(i).getMetadata().getName());
                        }
                    }
                } else if (running.size() <= 1) {
                    if (running.isEmpty() && e.shouldRun()) {
                        // surging: at least one pod that is not being deleted
                        nodesNeeding.add(nodeName);
                    }
                } else {
                    int minReadySeconds = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
                    podsToDelete.addAll(RollingUpdate.surgeExcessPods(running, hash, minReadySeconds, now));
                }
            } else if (exists) {
                for (Pod pod : daemonPods) {
                    if (pod.getMetadata().getDeletionTimestamp() == null) {
                        podsToDelete.add(pod.getMetadata().getName());
                    }
                }
            }
        }
        podsToDelete.addAll(unscheduledPodsWithoutNode(nodes, nodeToPods));
        syncNodes(ds, podsToDelete, nodesNeeding, hash);
        failedPodsBackoff.gc(now);
        if (failedPodsObserved > 0) {
            throw new IllegalStateException("deleted " + failedPodsObserved + " failed pods of DaemonSet "
                    + ds.getMetadata().getNamespace() + "/" + ds.getMetadata().getName());
        }
    }

    /** Upstream {@code getUnscheduledPodsWithoutNode}: unbound pods aimed at nodes that no longer exist. */
    static List<String> unscheduledPodsWithoutNode(List<Node> nodes, Map<String, List<Pod>> nodeToPods) {
        Set<String> existing = new HashSet<>();
        nodes.forEach(n -> existing.add(n.getMetadata().getName()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> e : nodeToPods.entrySet()) {
            if (existing.contains(e.getKey())) {
                continue;
            }
            for (Pod pod : e.getValue()) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                if (PodConditions.nodeName(pod).isEmpty()) {
                    out.add(pod.getMetadata().getName());
                }
            }
        }
        return out;
    }

    /** Upstream {@code syncNodes}: deletes pods and creates pods (slow start) on nodes, within the burst limit. */
    private void syncNodes(DaemonSet ds, List<String> podsToDelete, List<String> nodesNeeding, String hash) throws Exception {
        String key = ObjectKey.of(ds).toString();
        int createDiff = Math.min(nodesNeeding.size(), BURST_REPLICAS);
        int deleteDiff = Math.min(podsToDelete.size(), BURST_REPLICAS);
        expectations.setExpectations(key, createDiff, deleteDiff);
        List<Exception> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        PodTemplateSpec template = DaemonPods.createPodTemplate(ds.getSpec().getTemplate(), DaemonPods.templateGeneration(ds), hash);
        OwnerReference ref = PodControllerRefManager.controllerRef(ds, API_VERSION, KIND);
        ConcurrentLinkedQueue<String> targets = new ConcurrentLinkedQueue<>(nodesNeeding.subList(0, createDiff));
        if (createDiff > 0) {
            SlowStart.Outcome outcome = SlowStart.run(createDiff, SlowStart.INITIAL_BATCH_SIZE, calls, () -> {
                String node = targets.poll();
                PodTemplateSpec podTemplate = new PodTemplateSpecBuilder(template).build();
                // pinned to the node; the scheduler binds it
                podTemplate.getSpec().setAffinity(DaemonPods.replaceNodeNameNodeAffinity(podTemplate.getSpec().getAffinity(), node));
                podControl.createPods(ds.getMetadata().getNamespace(), podTemplate, ds, ref);
            });
            int notCreated = createDiff - outcome.successes();
            for (int i = 0; i < notCreated; i++) {
                // failed or skipped: the informer will not see these pods
                expectations.creationObserved(key);
            }
            if (outcome.error() != null) {
                errors.add(outcome.error());
            }
        }
        List<CompletableFuture<Void>> deletes = new ArrayList<>();
        for (String name : podsToDelete.subList(0, deleteDiff)) {
            deletes.add(CompletableFuture.runAsync(() -> {
                try {
                    podControl.deletePod(ds.getMetadata().getNamespace(), name, ds);
                } catch (Exception e) {
                    expectations.deletionObserved(key);
                    errors.add(e);
                }
            }, calls));
        }
        deletes.forEach(CompletableFuture::join);
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    /** Upstream {@code updateDaemonSetStatus} + {@code storeDaemonSetStatus} (one retry after a fresh read). */
    private Result updateStatus(DaemonSet ds, List<Node> nodes, String hash, boolean updateObservedGen, Instant now) throws Exception {
        DaemonSetStatusCalculator.Counts c = DaemonSetStatusCalculator.calculate(ds, nodes, nodeToDaemonPods(ds), hash, now);
        if (!DaemonSetStatusCalculator.unchanged(ds, c)) {
            DaemonSet current = ds;
            for (int i = 0; ; i++) {
                DaemonSetStatus st = new DaemonSetStatusBuilder(current.getStatus() == null ? new DaemonSetStatus() : current.getStatus())
                        .withDesiredNumberScheduled(c.desiredNumberScheduled())
                        .withCurrentNumberScheduled(c.currentNumberScheduled())
                        .withNumberMisscheduled(c.numberMisscheduled())
                        .withNumberReady(c.numberReady())
                        .withUpdatedNumberScheduled(c.updatedNumberScheduled() == 0 ? null : c.updatedNumberScheduled())
                        .withNumberAvailable(c.numberAvailable() == 0 ? null : c.numberAvailable())
                        .withNumberUnavailable(c.numberUnavailable() == 0 ? null : c.numberUnavailable())
                        .build();
                if (updateObservedGen) {
                    st.setObservedGeneration(ds.getMetadata().getGeneration());
                }
                DaemonSet copy = new DaemonSetBuilder(current).withStatus(st).build();
                try {
                    client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(copy).updateStatus();
                    break;
                } catch (RuntimeException e) {
                    if (i >= 1) {
                        throw e;
                    }
                    current = client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).withName(ds.getMetadata().getName()).get();
                    if (current == null) {
                        throw e;
                    }
                }
            }
        }
        int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        if (minReady > 0 && c.numberReady() != c.numberAvailable()) {
            // a last line of defense against clock skew
            return Result.requeueAfter(Duration.ofSeconds(minReady));
        }
        return Result.done();
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
