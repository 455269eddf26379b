package io.kubeboot.scheduler.informers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.kubeboot.scheduler.framework.ClusterEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which scheduling-relevant properties changed in a node update, as upstream's
 * {@code nodeSchedulingPropertiesChange}: allocatable, labels, taints (and {@code spec.unschedulable},
 * which upstream reports as a taint change), condition statuses, annotations. Stateless.
 */
public final class NodeChangeEvents {
    private NodeChangeEvents() {
    }

    /** The update's action bits; 0 when nothing the scheduler cares about changed. */
    public static int actions(Node oldNode, Node newNode) {
        int a = 0;
        if (!Objects.equals(status(oldNode).get("allocatable"), status(newNode).get("allocatable"))) {
            a |= ClusterEvent.UPDATE_NODE_ALLOCATABLE;
        }
        if (!Objects.equals(nullToEmpty(oldNode.getMetadata().getLabels()), nullToEmpty(newNode.getMetadata().getLabels()))) {
            a |= ClusterEvent.UPDATE_NODE_LABEL;
        }
        boolean oldUnschedulable = oldNode.getSpec() != null && Boolean.TRUE.equals(oldNode.getSpec().getUnschedulable());
        boolean newUnschedulable = newNode.getSpec() != null && Boolean.TRUE.equals(newNode.getSpec().getUnschedulable());
        if (!Objects.equals(taints(oldNode), taints(newNode)) || oldUnschedulable != newUnschedulable) {
            a |= ClusterEvent.UPDATE_NODE_TAINT;
        }
        if (!conditionStatuses(oldNode).equals(conditionStatuses(newNode))) {
            a |= ClusterEvent.UPDATE_NODE_CONDITION;
        }
        if (!Objects.equals(nullToEmpty(oldNode.getMetadata().getAnnotations()), nullToEmpty(newNode.getMetadata().getAnnotations()))) {
            a |= ClusterEvent.UPDATE_NODE_ANNOTATION;
        }
        return a;
    }

    private static Map<String, Object> status(Node n) {
        Map<String, Object> m = new HashMap<>();
        if (n.getStatus() != null) {
            m.put("allocatable", n.getStatus().getAllocatable());
        }
        return m;
    }

    private static Object taints(Node n) {
        return n.getSpec() == null || n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints();
    }

    private static Map<String, String> conditionStatuses(Node n) {
        Map<String, String> m = new HashMap<>();
        if (n.getStatus() != null && n.getStatus().getConditions() != null) {
            for (NodeCondition c : n.getStatus().getConditions()) {
                m.put(c.getType(), c.getStatus());
            }
        }
        return m;
    }

    private static Map<String, String> nullToEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
