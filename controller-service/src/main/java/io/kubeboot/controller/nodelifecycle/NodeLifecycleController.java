package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.PodsByNode;
import io.kubeboot.controller.util.Taints;
import io.kubeboot.runtime.controller.Controller;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.controller.Result;
import io.kubeboot.runtime.events.EventRecorder;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstream {@code pkg/controller/nodelifecycle} (taint-based mode, the only one since 1.27): watches node health and
 * drives the node taints that the taint eviction controller and the scheduler act on.
 *
 * <ul>
 *   <li>Every {@code nodeMonitorPeriod}, each node's health signals (Ready heartbeat, Lease renewal in
 *   kube-node-lease) are checked ({@link NodeHealthEvaluator}); a node silent for the grace period gets its kubelet
 *   conditions set to Unknown through {@code nodes/status}. Pods on a node that just stopped being Ready are
 *   marked not Ready ({@link PodReadiness}).</li>
 *   <li>A node whose Ready is False or Unknown is queued in its zone's rate-limited queue; every 100 ms the queues
 *   are drained as their rate allows, adding the NoExecute taint {@code not-ready} (False) or {@code unreachable}
 *   (Unknown) and removing the other. An already tainted node has the two swapped at once; a Ready node loses
 *   both. Rates follow the zone states ({@link Zones}).</li>
 *   <li>On every node change, the NoSchedule condition taints and the unschedulable taint are brought in line with
 *   the conditions and {@code spec.unschedulable} ({@link NoScheduleTaints}), and the beta os/arch labels with the
 *   stable ones.</li>
 *   <li>A pod newly bound to a node that is not Ready is marked not Ready.</li>
 * </ul>
 */
public final class NodeLifecycleController implements ManagedController {
    public static final String NAME = "node-lifecycle-controller";
    /** Upstream's event source component. */
    static final String EVENT_COMPONENT = "node-controller";
    static final String LEASE_NAMESPACE = "kube-node-lease";
    /** Nodes with this label do not count for zone disruption. */
    static final String EXCLUDE_DISRUPTION_LABEL = "node.kubernetes.io/exclude-disruption";
    /** Upstream {@code scheduler.NodeEvictionPeriod}: how often the tainting queues are drained. */
    static final Duration NODE_EVICTION_PERIOD = Duration.ofMillis(100);
    static final Taint UNREACHABLE_NO_EXECUTE = Taints.taint(Taints.UNREACHABLE, Taints.NO_EXECUTE);
    static final Taint NOT_READY_NO_EXECUTE = Taints.taint(Taints.NOT_READY, Taints.NO_EXECUTE);
    private static final int NODE_UPDATE_WORKERS = 8;
    private static final int POD_UPDATE_WORKERS = 4;
    /** Upstream {@code NodeHealthUpdateRetry} and {@code retrySleepTime}. */
    private static final int NODE_HEALTH_UPDATE_RETRY = 5;
    private static final long RETRY_SLEEP_MILLIS = 20;
    /** Upstream {@code labelReconcileInfo}: stable label -> beta label kept equal to it. */
    private static final Map<String, String> LABEL_RECONCILE = Map.of(
            "kubernetes.io/os", "beta.kubernetes.io/os",
            "kubernetes.io/arch", "beta.kubernetes.io/arch");

    private static final Logger log = LoggerFactory.getLogger(NodeLifecycleController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Node> nodeInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<Lease> leaseInformer;
    private final NodeLifecycleProperties props;
    private final EventRecorder recorder;
    private final Clock clock;
    private final NodeHealthEvaluator evaluator;
    private final Zones zones;
    private final NodeTaintWriter taints;
    private final PodReadiness podReadiness;
    private final Map<String, NodeHealthData> health = new ConcurrentHashMap<>();
    private final Set<String> nodesToRetry = ConcurrentHashMap.newKeySet();
    /** Upstream {@code knownNodeSet}; touched by the monitor thread only. */
    private final Map<String, Node> knownNodes = new HashMap<>();
    private final Controller<String> nodeUpdates;
    private final Controller<ObjectKey> podUpdates;
    private final ScheduledExecutorService loops;
    private final ExecutorService nodeWorkers;

    public NodeLifecycleController(KubernetesClient client, SharedIndexInformer<Node> nodeInformer,
                                   SharedIndexInformer<Pod> podInformer, SharedIndexInformer<Lease> leaseInformer,
                                   NodeLifecycleProperties props, EventRecorder recorder, Duration cacheSyncTimeout,
                                   MeterRegistry registry, Clock clock) {
        this.client = client;
        this.nodeInformer = nodeInformer;
        this.podInformer = podInformer;
        this.leaseInformer = leaseInformer;
        this.props = props;
        this.recorder = recorder;
        this.clock = clock;
        this.evaluator = new NodeHealthEvaluator(props.getNodeMonitorGracePeriod(), props.getNodeStartupGracePeriod());
        this.zones = new Zones(props.getNodeEvictionRate(), props.getSecondaryNodeEvictionRate(),
                props.getLargeClusterSizeThreshold(), props.getUnhealthyZoneThreshold(), System::nanoTime);
        this.taints = new NodeTaintWriter(client, clock);
        this.podReadiness = new PodReadiness(client, recorder, clock);
        PodsByNode.ensureIndex(podInformer);
        this.nodeUpdates = Controller.<String>builder()
                .name(NAME)
                .workers(NODE_UPDATE_WORKERS)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::syncNode)
                .watch(nodeInformer, n -> n.getMetadata().getName())
                .build();
        this.podUpdates = Controller.<ObjectKey>builder()
                .name(NAME + "-pods")
                .workers(POD_UPDATE_WORKERS)
                .cacheSyncTimeout(cacheSyncTimeout)
                .meterRegistry(registry)
                .reconciler(this::processPod)
                .watchWith(podInformer, NodeLifecycleController::podBindingHandler)
                .watchWith(leaseInformer, q -> new ResourceEventHandler<Lease>() {
                    // the lease informer is only read; this registration makes start() wait for its sync
                    @Override
                    public void onAdd(Lease obj) {
                    }

                    @Override
                    public void onUpdate(Lease oldObj, Lease newObj) {
                    }

                    @Override
                    public void onDelete(Lease obj, boolean deletedFinalStateUnknown) {
                    }
                })
                .build();
        this.loops = Executors.newScheduledThreadPool(2, threads(NAME + "-loop"));
        this.nodeWorkers = Executors.newFixedThreadPool(NODE_UPDATE_WORKERS, threads(NAME + "-health"));
    }

    /** The manager's entry: "node-lifecycle-controller", on by default. */
    public static ControllerDescriptor descriptor(NodeLifecycleProperties props) {
        return new ControllerDescriptor(NAME, false, ctx -> create(ctx, props));
    }

    static NodeLifecycleController create(ControllerContext ctx, NodeLifecycleProperties props) {
        return new NodeLifecycleController(ctx.client(), ctx.informers().informerFor(Node.class),
                ctx.informers().informerFor(Pod.class), ctx.informers().informerFor(Lease.class), props,
                ctx.eventRecorder(EVENT_COMPONENT), ctx.properties().getCacheSyncTimeout(), ctx.registry(),
                Clock.systemUTC());
    }

    /** Upstream {@code podUpdated}: a pod is looked at when it gets (or changes) its node. */
    private static ResourceEventHandler<Pod> podBindingHandler(RateLimitingQueue<ObjectKey> queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (!PodConditions.nodeName(pod).isEmpty()) {
                    queue.add(ObjectKey.of(pod));
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                String node = PodConditions.nodeName(newPod);
                if (!node.isEmpty() && (oldPod == null || !node.equals(PodConditions.nodeName(oldPod)))) {
                    queue.add(ObjectKey.of(newPod));
                }
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        nodeUpdates.start();
        podUpdates.start();
        long tainting = NODE_EVICTION_PERIOD.toMillis();
        loops.scheduleWithFixedDelay(guarded("NoExecute tainting", this::doNoExecuteTaintingPass), tainting, tainting, TimeUnit.MILLISECONDS);
        loops.scheduleWithFixedDelay(guarded("monitoring node health", this::monitorNodeHealth), 0,
                props.getNodeMonitorPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        loops.shutdownNow();
        nodeWorkers.shutdownNow();
        boolean done = nodeUpdates.stop(timeout);
        done &= podUpdates.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        done &= loops.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return done;
    }

    // ------------------------------------------------------------------ NoSchedule taints and labels (per node)

    Result syncNode(String nodeName) throws InterruptedException {
        Node node = nodeInformer.getIndexer().getByKey(nodeName);
        if (node == null) {
            return Result.done();
        }
        Taints.Diff diff = NoScheduleTaints.diff(node);
        if (!diff.isEmpty() && !taints.swap(diff.toAdd(), diff.toRemove(), node)) {
            throw new IllegalStateException("failed to swap taints of node " + nodeName);
        }
        reconcileNodeLabels(node);
        return Result.done();
    }

    /** Upstream {@code reconcileNodeLabels}: the beta os/arch labels follow the stable ones. */
    private void reconcileNodeLabels(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        if (labels == null) {
            return;
        }
        Map<String, String> update = new HashMap<>();
        LABEL_RECONCILE.forEach((primary, secondary) -> {
            String value = labels.get(primary);
            if (value != null && !value.equals(labels.get(secondary))) {
                update.put(secondary, value);
            }
        });
        if (update.isEmpty()) {
            return;
        }
        var patch = io.kubeboot.api.json.Json.MAPPER.createObjectNode();
        patch.putObject("metadata").set("labels", io.kubeboot.api.json.Json.MAPPER.valueToTree(update));
        client.nodes().withName(node.getMetadata().getName()).patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.STRATEGIC_MERGE),
                patch.toString());
    }

    // ------------------------------------------------------------------ pods newly bound to a node

    /** Upstream {@code processPod}: a pod bound to a node known not to be Ready is marked not Ready. */
    Result processPod(ObjectKey key) {
        Pod pod = podInformer.getIndexer().getByKey(key.toString());
        if (pod == null) {
            return Result.done();
        }
        String nodeName = PodConditions.nodeName(pod);
        NodeHealthData nodeHealth = health.get(nodeName);
        if (nodeHealth == null) {
            // not observed yet, or removed meanwhile
            return Result.done();
        }
        if (nodeInformer.getIndexer().getByKey(nodeName) == null) {
            throw new IllegalStateException("Failed to read node " + nodeName);
        }
        NodeCondition ready = NodeConditionUtil.get(nodeHealth.status(), NodeConditionUtil.READY);
        if (ready == null) {
            return Result.done();
        }
        if (!NodeConditionUtil.TRUE.equals(ready.getStatus())) {
            podReadiness.markPodsNotReady(List.of(pod), nodeName);
        }
        return Result.done();
    }

    // ------------------------------------------------------------------ NoExecute tainting (rate limited)

    /** Upstream {@code doNoExecuteTaintingPass}. */
    void doNoExecuteTaintingPass() {
        for (RateLimitedTimedQueue tainter : zones.allTainters()) {
            tainter.tryProcess(value -> {
                Node node = nodeInformer.getIndexer().getByKey(value.value());
                if (node == null) {
                    log.info("Node {} no longer present in nodeLister", value.value());
                    return RateLimitedTimedQueue.Decision.ok();
                }
                NodeCondition ready = NodeConditionUtil.get(node.getStatus(), NodeConditionUtil.READY);
                if (ready == null) {
                    log.info("Failed to get NodeCondition from the node status of {}", value.value());
                    return RateLimitedTimedQueue.Decision.retryAfter(Duration.ofMillis(50));
                }
                Taint add;
                Taint opposite;
                if (NodeConditionUtil.FALSE.equals(ready.getStatus())) {
                    add = NOT_READY_NO_EXECUTE;
                    opposite = UNREACHABLE_NO_EXECUTE;
                } else if (NodeConditionUtil.UNKNOWN.equals(ready.getStatus())) {
                    add = UNREACHABLE_NO_EXECUTE;
                    opposite = NOT_READY_NO_EXECUTE;
                } else {
                    log.debug("Node {} was in a taint queue, but it's ready now. Ignoring taint request", value.value());
                    return RateLimitedTimedQueue.Decision.ok();
                }
                return taints.swap(List.of(add), List.of(opposite), node)
                        ? RateLimitedTimedQueue.Decision.ok() : RateLimitedTimedQueue.Decision.retryAfter(Duration.ZERO);
            });
        }
    }

    // ------------------------------------------------------------------ health monitoring

    /** Upstream {@code monitorNodeHealth}. */
    void monitorNodeHealth() throws InterruptedException {
        List<Node> nodes = nodeInformer.getIndexer().list();
        List<Node> added = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node n : nodes) {
            seen.put(n.getMetadata().getName(), n);
            if (!knownNodes.containsKey(n.getMetadata().getName())) {
                added.add(n);
            } else if (!zones.knows(Zones.zoneKey(n))) {
                zones.addIfNew(Zones.zoneKey(n));
            }
        }
        for (Node n : added) {
            String name = n.getMetadata().getName();
            log.info("Controller observed a new Node: {}", name);
            recordNodeEvent(n, "RegisteredNode", "Registered Node " + name + " in Controller");
            knownNodes.put(name, n);
            zones.addIfNew(Zones.zoneKey(n));
            markNodeAsReachable(n);
        }
        for (String name : new ArrayList<>(knownNodes.keySet())) {
            if (!seen.containsKey(name)) {
                Node gone = knownNodes.remove(name);
                log.info("Controller observed a Node deletion: {}", name);
                recordNodeEvent(gone, "RemovingNode", "Removing Node " + name + " from Controller");
                nodesToRetry.remove(name);
                health.remove(name);
            }
        }

        Map<String, List<NodeCondition>> zoneToReady = new ConcurrentHashMap<>();
        List<Future<?>> updates = new ArrayList<>();
        for (Node n : nodes) {
            updates.add(nodeWorkers.submit(() -> updateNode(n, zoneToReady)));
        }
        for (Future<?> f : updates) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("Error updating health of a node", e.getCause());
            }
        }
        zones.handleDisruption(zoneToReady, new Zones.DisruptionActions() {
            @Override
            public void markAllNodesReachable() {
                for (Node n : nodes) {
                    markNodeAsReachable(n);
                }
            }

            @Override
            public void resetProbeTimestamps() {
                Instant now = clock.instant();
                for (Node n : nodes) {
                    health.computeIfPresent(n.getMetadata().getName(), (k, v) -> v.withTimestamps(now, now));
                }
            }
        });
    }

    private void updateNode(Node cached, Map<String, List<NodeCondition>> zoneToReady) {
        String name = cached.getMetadata().getName();
        Node node = cached;
        NodeHealthEvaluator.Outcome outcome = null;
        for (int i = 0; i < NODE_HEALTH_UPDATE_RETRY && outcome == null; i++) {
            try {
                outcome = tryUpdateNodeHealth(node);
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(RETRY_SLEEP_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try {
                    node = client.nodes().withName(name).get();
                } catch (RuntimeException ge) {
                    node = null;
                }
                if (node == null) {
                    log.error("Failed while getting a Node to retry updating node health. Probably Node {} was deleted", name);
                    return;
                }
            }
        }
        if (outcome == null) {
            log.error("Update health of Node {} from Controller error, Skipping - no pods will be evicted", name);
            return;
        }
        if (!excludedFromDisruptionChecks(outcome.node())) {
            zoneToReady.computeIfAbsent(Zones.zoneKey(outcome.node()), z -> Collections.synchronizedList(new ArrayList<>()))
                    .add(outcome.currentReady());
        }
        if (outcome.currentReady() != null) {
            List<Pod> pods = PodsByNode.podsOn(podInformer, name);
            processTaintBaseEviction(outcome.node(), outcome.observedReady());
            boolean needsRetry = nodesToRetry.contains(name);
            boolean becameNotReady = !NodeConditionUtil.TRUE.equals(outcome.currentReady().getStatus())
                    && NodeConditionUtil.TRUE.equals(outcome.observedReady().getStatus());
            if (becameNotReady) {
                recordNodeStatusChange(outcome.node(), "NodeNotReady");
            }
            if (becameNotReady || (needsRetry && !NodeConditionUtil.TRUE.equals(outcome.observedReady().getStatus()))) {
                try {
                    podReadiness.markPodsNotReady(pods, name);
                } catch (RuntimeException e) {
                    log.error("unable to mark all pods NotReady on node {}: {}; queuing for retry", name, e.getMessage());
                    nodesToRetry.add(name);
                    return;
                }
            }
        }
        nodesToRetry.remove(name);
    }

    /** Evaluates the node's health, writes its status when that calls for it, and remembers what was seen. */
    private NodeHealthEvaluator.Outcome tryUpdateNodeHealth(Node node) {
        String name = node.getMetadata().getName();
        Lease lease = leaseInformer.getIndexer().getByKey(Cache.namespaceKeyFunc(LEASE_NAMESPACE, name));
        NodeHealthEvaluator.Outcome outcome = evaluator.evaluate(node, health.get(name), lease, clock.instant());
        if (!outcome.statusWrite()) {
            health.put(name, outcome.health());
            return outcome;
        }
        try {
            client.nodes().resource(outcome.node()).updateStatus();
        } catch (RuntimeException e) {
            health.put(name, outcome.health());
            log.error("Error updating node {}: {}", name, ClientErrors.message(e));
            throw e;
        }
        health.put(name, outcome.healthAfterWrite());
        return outcome;
    }

    /** Upstream {@code processTaintBaseEviction}, from the Ready condition as the node had it. */
    private void processTaintBaseEviction(Node node, NodeCondition observedReady) {
        String status = observedReady.getStatus();
        List<Taint> have = node.getSpec() == null ? null : node.getSpec().getTaints();
        if (NodeConditionUtil.FALSE.equals(status)) {
            if (Taints.exists(have, UNREACHABLE_NO_EXECUTE)) {
                if (!taints.swap(List.of(NOT_READY_NO_EXECUTE), List.of(UNREACHABLE_NO_EXECUTE), node)) {
                    log.error("Failed to instantly swap UnreachableTaint to NotReadyTaint. Will try again in the next cycle");
                }
            } else if (markNodeForTainting(node, NodeConditionUtil.FALSE)) {
                log.info("Node {} is NotReady. Adding it to the Taint queue", node.getMetadata().getName());
            }
        } else if (NodeConditionUtil.UNKNOWN.equals(status)) {
            if (Taints.exists(have, NOT_READY_NO_EXECUTE)) {
                if (!taints.swap(List.of(UNREACHABLE_NO_EXECUTE), List.of(NOT_READY_NO_EXECUTE), node)) {
                    log.error("Failed to instantly swap NotReadyTaint to UnreachableTaint. Will try again in the next cycle");
                }
            } else if (markNodeForTainting(node, NodeConditionUtil.UNKNOWN)) {
                log.info("Node {} is unresponsive. Adding it to the Taint queue", node.getMetadata().getName());
            }
        } else if (NodeConditionUtil.TRUE.equals(status)) {
            if (markNodeAsReachable(node)) {
                log.info("Node {} is healthy again, removed all taints", node.getMetadata().getName());
            }
        }
    }

    /** Upstream {@code markNodeForTainting}: (re)queues the node unless it already has the taint its status calls for. */
    private boolean markNodeForTainting(Node node, String status) {
        List<Taint> have = node.getSpec() == null ? null : node.getSpec().getTaints();
        String zone = Zones.zoneKey(node);
        zones.addIfNew(zone);
        RateLimitedTimedQueue tainter = zones.tainter(zone);
        if (NodeConditionUtil.FALSE.equals(status) && !Taints.exists(have, NOT_READY_NO_EXECUTE)) {
            tainter.remove(node.getMetadata().getName());
        }
        if (NodeConditionUtil.UNKNOWN.equals(status) && !Taints.exists(have, UNREACHABLE_NO_EXECUTE)) {
            tainter.remove(node.getMetadata().getName());
        }
        return tainter.add(node.getMetadata().getName(), node.getMetadata().getUid());
    }

    /** Upstream {@code markNodeAsReachable}: removes both NoExecute taints and takes the node off its zone's queue. */
    private boolean markNodeAsReachable(Node node) {
        String name = node.getMetadata().getName();
        try {
            taints.remove(name, node, List.of(UNREACHABLE_NO_EXECUTE));
            taints.remove(name, node, List.of(NOT_READY_NO_EXECUTE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            log.error("Failed to remove taints from node {}: {}", name, ClientErrors.message(e));
            return false;
        }
        String zone = Zones.zoneKey(node);
        zones.addIfNew(zone);
        return zones.tainter(zone).remove(name);
    }

    private static boolean excludedFromDisruptionChecks(Node node) {
        return node.getMetadata().getLabels() != null && node.getMetadata().getLabels().containsKey(EXCLUDE_DISRUPTION_LABEL);
    }

    // ------------------------------------------------------------------ events

    private static ObjectReference nodeRef(Node node) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Node").withName(node.getMetadata().getName())
                .withUid(node.getMetadata().getUid()).withNamespace("").build();
    }

    /** Upstream {@code RecordNodeEvent}. */
    private void recordNodeEvent(Node node, String reason, String event) {
        recorder.event(nodeRef(node), EventRecorder.NORMAL, reason,
                "Node " + node.getMetadata().getName() + " event: " + event);
    }

    /** Upstream {@code RecordNodeStatusChange}. */
    private void recordNodeStatusChange(Node node, String newStatus) {
        recorder.event(nodeRef(node), EventRecorder.NORMAL, newStatus,
                "Node " + node.getMetadata().getName() + " status is now: " + newStatus);
    }

    // ------------------------------------------------------------------ plumbing

    /** The zones, for tests and diagnostics. */
    Zones zones() {
        return zones;
    }

    private static Runnable guarded(String what, InterruptibleTask task) {
        return () -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Error {}", what, e);
            }
        };
    }

    private interface InterruptibleTask {
        void run() throws InterruptedException;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
