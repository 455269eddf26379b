package io.kubeboot.controller.podgc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeboot.api.json.Json;
import io.kubeboot.controller.manager.ControllerContext;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ManagedController;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Upstream {@code pkg/controller/podgc}: every gcCheckPeriod, from the informer caches, force-deletes
 * <ol>
 *   <li>terminated pods beyond the terminated-pod-gc-threshold, evicted and oldest first;</li>
 *   <li>terminating pods on not-Ready nodes tainted {@code node.kubernetes.io/out-of-service};</li>
 *   <li>pods bound to nodes that no longer exist: a node missing from the cache is quarantined for quarantineTime,
 *   then looked up with a GET; only a 404 makes its pods orphans, which first get the condition DisruptionTarget
 *   (reason DeletionByPodGC, message "PodGC: node no longer exists");</li>
 *   <li>terminating pods that were never scheduled.</li>
 * </ol>
 * A pod not yet Succeeded or Failed is first patched to phase Failed (there may be no kubelet left to do so), then
 * deleted with grace period 0. Failures are logged and retried by the next run.
 */
public final class PodGcController implements ManagedController {
    public static final String NAME = "podgc";
    static final String DISRUPTION_TARGET = "DisruptionTarget";

    private static final Logger log = LoggerFactory.getLogger(PodGcController.class);

    private final KubernetesClient client;
    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<Node> nodeInformer;
    private final int terminatedPodThreshold;
    private final Duration period;
    private final Duration cacheSyncTimeout;
    private final Clock clock;
    private final NodeQuarantine quarantine;
    private final ScheduledExecutorService loop;

    public PodGcController(KubernetesClient client, SharedIndexInformer<Pod> podInformer, SharedIndexInformer<Node> nodeInformer,
                           int terminatedPodThreshold, Duration period, Duration quarantineTime, Duration cacheSyncTimeout, Clock clock) {
        this.client = client;
        this.podInformer = podInformer;
        this.nodeInformer = nodeInformer;
        this.terminatedPodThreshold = terminatedPodThreshold;
        this.period = period;
        this.cacheSyncTimeout = cacheSyncTimeout;
        this.clock = clock;
        this.quarantine = new NodeQuarantine(quarantineTime);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, NAME + "-loop");
            t.setDaemon(true);
            return t;
        });
    }

    /** The manager's entry: "podgc", on by default. */
    public static ControllerDescriptor descriptor(PodGcProperties props) {
        return new ControllerDescriptor(NAME, false, ctx -> create(ctx, props));
    }

    static PodGcController create(ControllerContext ctx, PodGcProperties props) {
        return new PodGcController(ctx.client(), ctx.informers().informerFor(Pod.class), ctx.informers().informerFor(Node.class),
                props.getTerminatedPodGcThreshold(), props.getGcCheckPeriod(), props.getQuarantineTime(),
                ctx.properties().getCacheSyncTimeout(), Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws InterruptedException {
        long deadline = System.nanoTime() + cacheSyncTimeout.toNanos();
        while (!podInformer.hasSynced() || !nodeInformer.hasSynced()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("failed to wait for " + NAME + " caches to sync: timed out waiting for cache to be synced");
            }
            Thread.sleep(50);
        }
        loop.scheduleWithFixedDelay(this::gcSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean stop(Duration timeout) throws InterruptedException {
        loop.shutdownNow();
        return loop.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void gcSafely() {
        try {
            gc();
        } catch (RuntimeException e) {
            log.error("pod garbage collection failed", e);
        }
    }

    /** One run over the caches. */
    void gc() {
        List<Pod> pods = podInformer.getIndexer().list();
        List<Node> nodes = nodeInformer.getIndexer().list();
        for (Pod p : PodGcPolicy.terminatedToDelete(pods, terminatedPodThreshold)) {
            log.info("Garbage collecting terminated pod {}/{}", p.getMetadata().getNamespace(), p.getMetadata().getName());
            markFailedAndDelete(p, false);
        }
        for (Pod p : PodGcPolicy.terminatingOutOfService(pods, n -> Optional.ofNullable(nodeInformer.getIndexer().getByKey(n)))) {
            log.info("Garbage collecting pod {}/{} that is terminating on an out-of-service node", p.getMetadata().getNamespace(), p.getMetadata().getName());
            markFailedAndDelete(p, false);
        }
        gcOrphaned(pods, nodes);
        for (Pod p : PodGcPolicy.unscheduledTerminating(pods)) {
            log.info("Found unscheduled terminating Pod {}/{} not assigned to any Node, deleting", p.getMetadata().getNamespace(), p.getMetadata().getName());
            markFailedAndDelete(p, false);
        }
    }

    private void gcOrphaned(List<Pod> pods, List<Node> nodes) {
        Set<String> existing = new HashSet<>();
        for (Node n : nodes) {
            existing.add(n.getMetadata().getName());
        }
        Instant now = clock.instant();
        for (String node : PodGcPolicy.missingNodes(pods, existing)) {
            quarantine.observeMissing(node, now);
        }
        Set<String> deleted = new HashSet<>();
        for (String node : quarantine.due(now)) {
            if (existing.contains(node)) {
                continue;
            }
            try {
                if (client.nodes().withName(node).get() == null) {
                    deleted.add(node);
                }
            } catch (RuntimeException e) {
                // looked at again in the next run if still needed
                log.error("Error while getting node {}: {}", node, ClientErrors.message(e));
            }
        }
        for (Pod p : PodGcPolicy.orphaned(pods, deleted)) {
            log.info("Found orphaned Pod {}/{} assigned to the Node {}, deleting", p.getMetadata().getNamespace(),
                    p.getMetadata().getName(), PodConditions.nodeName(p));
            if (markFailedAndDelete(p, true)) {
                log.info("Forced deletion of orphaned Pod {}/{} succeeded", p.getMetadata().getNamespace(), p.getMetadata().getName());
            }
        }
    }

    /**
     * Upstream {@code markFailedAndDeletePodWithCondition}: a pod not yet terminal is patched to Failed (with the
     * DisruptionTarget condition for orphans), then deleted with grace period 0.
     *
     * @return whether the pod is gone (deleted now, or already)
     */
    private boolean markFailedAndDelete(Pod pod, boolean orphaned) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        try {
            String phase = PodConditions.phase(pod);
            if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                client.pods().inNamespace(ns).withName(name).subresource("status")
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), statusPatch(pod, orphaned, clock.instant()));
            }
            client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
            return true;
        } catch (RuntimeException e) {
            if (ClientErrors.isNotFound(e)) {
                return true;
            }
            log.error("PodGC failed to force delete pod {}/{}: {}", ns, name, ClientErrors.message(e));
            return false;
        }
    }

    /**
     * The strategic merge patch of the pod's status: phase Failed and, for orphans, the DisruptionTarget condition
     * (conditions merge by type); the uid guards against patching a pod re-created under the same name.
     */
    static String statusPatch(Pod pod, boolean orphaned, Instant now) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("metadata").put("uid", pod.getMetadata().getUid());
        ObjectNode status = root.putObject("status");
        status.put("phase", "Failed");
        if (orphaned) {
            boolean alreadyTrue = pod.getStatus() != null && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream().anyMatch(c -> DISRUPTION_TARGET.equals(c.getType()) && "True".equals(c.getStatus()));
            ArrayNode conditions = status.putArray("conditions");
            ObjectNode c = conditions.addObject();
            c.put("type", DISRUPTION_TARGET);
            c.put("status", "True");
            c.put("reason", "DeletionByPodGC");
            c.put("message", "PodGC: node no longer exists");
            if (!alreadyTrue) {
                c.put("lastTransitionTime", Times.format(now));
            }
        }
        return root.toString();
    }
}
