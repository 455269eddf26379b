package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeboot.controller.util.Times;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.kubeboot.controller.nodelifecycle.NodeConditionUtil.READY;
import static io.kubeboot.controller.nodelifecycle.NodeConditionUtil.UNKNOWN;

/**
 * Upstream {@code tryUpdateNodeHealth} without the write: from the node (as cached), what the controller saw of it
 * before and its Lease in kube-node-lease, decide whether the kubelet is still posting health signals.
 *
 * <p>Contract: a signal is a changed Ready heartbeat or a renewed lease ({@code spec.renewTime} later than the one
 * seen before); the controller stamps it with its own clock. When none came for the grace period (the startup grace
 * period while the node never had a Ready condition), Ready, MemoryPressure, DiskPressure and PIDPressure become
 * Unknown ({@code NodeStatusUnknown}, "Kubelet stopped posting node status.", or {@code NodeStatusNeverUpdated},
 * "Kubelet never posted node status." when absent); NetworkUnavailable is left alone. The status is written only
 * when that changed the Ready condition. Pure: the node passed in is not modified.
 */
final class NodeHealthEvaluator {
    static final String REASON_UNKNOWN = "NodeStatusUnknown";
    static final String MESSAGE_UNKNOWN = "Kubelet stopped posting node status.";
    static final String REASON_NEVER_UPDATED = "NodeStatusNeverUpdated";
    static final String MESSAGE_NEVER_UPDATED = "Kubelet never posted node status.";
    /** The conditions the kubelet owns; NetworkUnavailable is managed on the control-plane level. */
    static final List<String> KUBELET_CONDITIONS = List.of(READY, NodeConditionUtil.MEMORY_PRESSURE,
            NodeConditionUtil.DISK_PRESSURE, NodeConditionUtil.PID_PRESSURE);

    private final Duration monitorGracePeriod;
    private final Duration startupGracePeriod;

    NodeHealthEvaluator(Duration monitorGracePeriod, Duration startupGracePeriod) {
        this.monitorGracePeriod = monitorGracePeriod;
        this.startupGracePeriod = startupGracePeriod;
    }

    /**
     * The verdict on one node.
     *
     * @param gracePeriod      the grace period the node was entitled to
     * @param observedReady    the Ready condition as the node had it (a stand-in Unknown one dated at creation when
     *                         it had none)
     * @param currentReady     the Ready condition after this evaluation (null when the node has none)
     * @param node             the node with the conditions to write (a copy)
     * @param statusWrite      whether the node's status must be written
     * @param health           what to remember of the node when nothing is written, or the write failed
     * @param healthAfterWrite what to remember once the write succeeded (null when no write)
     */
    record Outcome(Duration gracePeriod, NodeCondition observedReady, NodeCondition currentReady, Node node,
                   boolean statusWrite, NodeHealthData health, NodeHealthData healthAfterWrite) {
    }

    Outcome evaluate(Node cached, NodeHealthData saved, Lease observedLease, Instant now) {
        Node node = new NodeBuilder(cached).build();
        if (node.getStatus() == null) {
            node.setStatus(new NodeStatus());
        }
        Instant created = Times.parse(node.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
        NodeHealthData health = saved;
        Duration gracePeriod;
        NodeCondition observedReady;
        NodeCondition currentReady = NodeConditionUtil.get(node.getStatus(), READY);
        if (currentReady == null) {
            // the kubelet never posted: judge against the creation time, with the longer startup grace period
            observedReady = new NodeConditionBuilder().withType(READY).withStatus(UNKNOWN)
                    .withLastHeartbeatTime(node.getMetadata().getCreationTimestamp())
                    .withLastTransitionTime(node.getMetadata().getCreationTimestamp()).build();
            gracePeriod = startupGracePeriod;
            health = health != null
                    ? new NodeHealthData(health.probeTimestamp(), health.readyTransitionTimestamp(), node.getStatus(), health.lease())
                    : new NodeHealthData(created, created, node.getStatus(), null);
        } else {
            observedReady = new NodeConditionBuilder(currentReady).build();
            gracePeriod = monitorGracePeriod;
        }

        NodeCondition savedReady = saved == null ? null : NodeConditionUtil.get(saved.status(), READY);
        Lease savedLease = saved == null ? null : saved.lease();
        if (health == null) {
            health = new NodeHealthData(now, now, node.getStatus(), null);
        } else if (savedReady == null && currentReady != null) {
            // first sight of a Ready condition (e.g. the controller restarted): start counting now
            health = new NodeHealthData(now, now, node.getStatus(), null);
        } else if (savedReady != null && currentReady == null) {
            // the Ready condition was removed: an error, treated like a fresh observation
            health = new NodeHealthData(now, now, node.getStatus(), null);
        } else if (savedReady != null && !NodeConditionUtil.sameTime(savedReady.getLastHeartbeatTime(), currentReady.getLastHeartbeatTime())) {
            Instant transition = NodeConditionUtil.sameTime(savedReady.getLastTransitionTime(), currentReady.getLastTransitionTime())
                    ? health.readyTransitionTimestamp() : now;
            health = new NodeHealthData(now, transition, node.getStatus(), null);
        }
        // a renewed lease always counts as a signal, even when the kubelet never posted a status
        if (observedLease != null && (savedLease == null || renewedAfter(savedLease, observedLease))) {
            health = health.withProbe(now, observedLease);
        }

        if (now.isAfter(health.probeTimestamp().plus(gracePeriod))) {
            String nowText = Times.format(now);
            List<NodeCondition> conditions = node.getStatus().getConditions() == null
                    ? new ArrayList<>() : new ArrayList<>(node.getStatus().getConditions());
            for (String type : KUBELET_CONDITIONS) {
                NodeCondition c = NodeConditionUtil.get(node.getStatus(), type);
                if (c == null) {
                    conditions.add(new NodeConditionBuilder().withType(type).withStatus(UNKNOWN)
                            .withReason(REASON_NEVER_UPDATED).withMessage(MESSAGE_NEVER_UPDATED)
                            .withLastHeartbeatTime(node.getMetadata().getCreationTimestamp())
                            .withLastTransitionTime(nowText).build());
                } else if (!UNKNOWN.equals(c.getStatus())) {
                    c.setStatus(UNKNOWN);
                    c.setReason(REASON_UNKNOWN);
                    c.setMessage(MESSAGE_UNKNOWN);
                    c.setLastTransitionTime(nowText);
                }
            }
            node.getStatus().setConditions(conditions);
            currentReady = NodeConditionUtil.get(node.getStatus(), READY);
            if (!NodeConditionUtil.semanticEquals(currentReady, observedReady)) {
                NodeHealthData after = new NodeHealthData(health.probeTimestamp(), now, node.getStatus(), observedLease);
                return new Outcome(gracePeriod, observedReady, currentReady, node, true, health, after);
            }
        }
        return new Outcome(gracePeriod, observedReady, currentReady, node, false, health, null);
    }

    /** metav1.MicroTime {@code Before}: false when either renew time is absent. */
    private static boolean renewedAfter(Lease saved, Lease observed) {
        Optional<Instant> a = renewTime(saved);
        Optional<Instant> b = renewTime(observed);
        return a.isPresent() && b.isPresent() && a.get().isBefore(b.get());
    }

    private static Optional<Instant> renewTime(Lease lease) {
        return lease.getSpec() == null || lease.getSpec().getRenewTime() == null
                ? Optional.empty() : Optional.of(lease.getSpec().getRenewTime().toInstant());
    }
}
