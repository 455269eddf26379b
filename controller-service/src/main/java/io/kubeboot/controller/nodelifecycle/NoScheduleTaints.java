package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeboot.controller.util.Taints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubeboot.controller.nodelifecycle.NodeConditionUtil.FALSE;
import static io.kubeboot.controller.nodelifecycle.NodeConditionUtil.TRUE;
import static io.kubeboot.controller.nodelifecycle.NodeConditionUtil.UNKNOWN;

/**
 * Upstream {@code doNoScheduleTaintingPass} (TaintNodesByCondition): the NoSchedule taints a node's conditions and
 * {@code spec.unschedulable} call for, against the condition and unschedulable NoSchedule taints it has. Taints of
 * other keys or effects are never touched. Pure.
 */
final class NoScheduleTaints {
    /** Upstream {@code nodeConditionToTaintKeyStatusMap}: condition type -> status -> taint key. */
    static final Map<String, Map<String, String>> CONDITION_TO_TAINT = Map.of(
            NodeConditionUtil.READY, Map.of(FALSE, Taints.NOT_READY, UNKNOWN, Taints.UNREACHABLE),
            NodeConditionUtil.MEMORY_PRESSURE, Map.of(TRUE, Taints.MEMORY_PRESSURE),
            NodeConditionUtil.DISK_PRESSURE, Map.of(TRUE, Taints.DISK_PRESSURE),
            NodeConditionUtil.NETWORK_UNAVAILABLE, Map.of(TRUE, Taints.NETWORK_UNAVAILABLE),
            NodeConditionUtil.PID_PRESSURE, Map.of(TRUE, Taints.PID_PRESSURE));

    /** Upstream {@code taintKeyToNodeConditionMap}'s keys: the taints this pass owns (with unschedulable). */
    static final List<String> CONDITION_TAINT_KEYS = List.of(Taints.NOT_READY, Taints.UNREACHABLE,
            Taints.NETWORK_UNAVAILABLE, Taints.MEMORY_PRESSURE, Taints.DISK_PRESSURE, Taints.PID_PRESSURE);

    private NoScheduleTaints() {
    }

    /** The NoSchedule taints to add to and remove from the node. */
    static Taints.Diff diff(Node node) {
        List<Taint> desired = new ArrayList<>();
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            for (NodeCondition c : node.getStatus().getConditions()) {
                Map<String, String> byStatus = CONDITION_TO_TAINT.get(c.getType());
                if (byStatus != null && c.getStatus() != null && byStatus.containsKey(c.getStatus())) {
                    desired.add(Taints.taint(byStatus.get(c.getStatus()), Taints.NO_SCHEDULE));
                }
            }
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            desired.add(Taints.taint(Taints.UNSCHEDULABLE, Taints.NO_SCHEDULE));
        }
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream()
                .filter(t -> Taints.NO_SCHEDULE.equals(t.getEffect()))
                .filter(t -> Taints.UNSCHEDULABLE.equals(t.getKey()) || CONDITION_TAINT_KEYS.contains(t.getKey()))
                .toList();
        return Taints.diff(desired, current);
    }
}
