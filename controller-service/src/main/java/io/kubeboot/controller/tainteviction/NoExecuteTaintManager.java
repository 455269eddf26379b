package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.Taints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream {@code tainteviction.Controller}'s decisions ({@code handleNodeUpdate}, {@code handlePodUpdate},
 * {@code processPodOnNode}) over a {@link TimedWorkerQueue} of pod deletions.
 *
 * <p>Contract: a pod on a node with NoExecute taints it does not all tolerate is deleted at once; one tolerating
 * them all is deleted after the smallest tolerationSeconds of the tolerations used (counted from when its
 * deletion was first scheduled; never, when none sets it); a pending deletion is cancelled (with a
 * "Cancelling deletion" event) when the taints go, the node goes, the pod goes, or the tolerations grow to forever.
 * Calls for one node must not run concurrently (the controller serializes them per node); otherwise thread safe.
 */
final class NoExecuteTaintManager {
    private static final Logger log = LoggerFactory.getLogger(NoExecuteTaintManager.class);

    /** The informer caches, read only. */
    interface Lookup {
        Node node(String name);

        Pod pod(String namespace, String name);

        List<Pod> podsOn(String nodeName);
    }

    /** Called when a scheduled deletion is cancelled. */
    @FunctionalInterface
    interface CancelListener {
        void cancelled(String namespace, String name);
    }

    private final Lookup lookup;
    private final TimedWorkerQueue evictions;
    private final CancelListener onCancel;
    private final Clock clock;
    /** Node name -> its NoExecute taints, for nodes that have some. */
    private final Map<String, List<Taint>> taintedNodes = new HashMap<>();

    NoExecuteTaintManager(Lookup lookup, TimedWorkerQueue evictions, CancelListener onCancel, Clock clock) {
        this.lookup = lookup;
        this.evictions = evictions;
        this.onCancel = onCancel;
        this.clock = clock;
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Upstream {@code handleNodeUpdate}: remember the node's NoExecute taints, then judge each of its pods. */
    void handleNodeUpdate(String nodeName) {
        Node node = lookup.node(nodeName);
        if (node == null) {
            synchronized (taintedNodes) {
                taintedNodes.remove(nodeName);
            }
            return;
        }
        List<Taint> taints = Taints.withEffect(node.getSpec() == null ? null : node.getSpec().getTaints(), Taints.NO_EXECUTE);
        synchronized (taintedNodes) {
            if (taints.isEmpty()) {
                taintedNodes.remove(nodeName);
            } else {
                taintedNodes.put(nodeName, taints);
            }
        }
        // the taints are recorded before the pods are listed: a pod bound later is judged by its own update
        List<Pod> pods = lookup.podsOn(nodeName);
        if (pods.isEmpty()) {
            return;
        }
        if (taints.isEmpty()) {
            for (Pod p : pods) {
                cancelWithEvent(p.getMetadata().getNamespace(), p.getMetadata().getName());
            }
            return;
        }
        Instant now = clock.instant();
        for (Pod p : pods) {
            processPodOnNode(p.getMetadata().getNamespace(), p.getMetadata().getName(), nodeName,
                    p.getSpec().getTolerations(), taints, now);
        }
    }

    /**
     * Upstream {@code handlePodUpdate}: the pod as cached now, if it is still bound to {@code nodeName} (the node the
     * update was queued for).
     */
    void handlePodUpdate(String namespace, String name, String nodeName) {
        Pod pod = lookup.pod(namespace, name);
        if (pod == null) {
            cancelWithEvent(namespace, name);
            return;
        }
        String podNode = PodConditions.nodeName(pod);
        if (!podNode.equals(nodeName) || podNode.isEmpty()) {
            return;
        }
        List<Taint> taints;
        synchronized (taintedNodes) {
            taints = taintedNodes.get(podNode);
        }
        if (taints == null) {
            // the node is gone or untainted; its update cancelled what was scheduled
            return;
        }
        processPodOnNode(namespace, name, podNode, pod.getSpec().getTolerations(), taints, clock.instant());
    }

    /** Upstream {@code processPodOnNode}. */
    void processPodOnNode(String namespace, String name, String nodeName, List<Toleration> tolerations,
                          List<Taint> taints, Instant now) {
        String key = key(namespace, name);
        if (taints.isEmpty()) {
            cancelWithEvent(namespace, name);
        }
        Taints.Matching matching = Taints.matchingTolerations(taints, tolerations);
        if (!matching.allTolerated()) {
            log.info("Not all taints are tolerated after update for pod {} on node {}", key, nodeName);
            cancelWithEvent(namespace, name);
            evictions.addWork(key, now, now);
            return;
        }
        Duration min = TolerationTimes.minTolerationTime(matching.used());
        if (min.isNegative()) {
            log.debug("Current tolerations for pod {} tolerate forever, cancelling any scheduled deletion", key);
            cancelWithEvent(namespace, name);
            return;
        }
        Instant start = now;
        Instant trigger = start.plus(min);
        TimedWorkerQueue.TimedWorker scheduled = evictions.getWorker(key);
        if (scheduled != null) {
            start = scheduled.createdAt();
            if (start.plus(min).isBefore(trigger)) {
                // the deletion scheduled earlier, counted from when it was scheduled, stands
                return;
            }
            cancelWithEvent(namespace, name);
        }
        evictions.addWork(key, start, trigger);
    }

    /**
     * Whether handling a change of this pod (bound to {@code nodeName}, empty if unbound or gone) could do
     * anything: its node has NoExecute taints as last handled, or a deletion of the pod is pending. When neither
     * holds, {@link #handlePodUpdate} would return without acting. A node tainted after this answer is not missed:
     * {@link #handleNodeUpdate} records the taints before it lists the node's pods, and the pod was in the cache
     * before this was asked. Thread safe; for event handlers, which see every pod event of the cluster.
     */
    boolean mayAct(String namespace, String name, String nodeName) {
        if (evictions.has(key(namespace, name))) {
            return true;
        }
        if (nodeName.isEmpty()) {
            return false;
        }
        synchronized (taintedNodes) {
            return taintedNodes.containsKey(nodeName);
        }
    }

    /** The node's remembered NoExecute taints (empty when none). */
    List<Taint> taintsOf(String nodeName) {
        synchronized (taintedNodes) {
            return taintedNodes.getOrDefault(nodeName, List.of());
        }
    }

    private void cancelWithEvent(String namespace, String name) {
        if (evictions.cancelWork(key(namespace, name))) {
            onCancel.cancelled(namespace, name);
        }
    }
}
