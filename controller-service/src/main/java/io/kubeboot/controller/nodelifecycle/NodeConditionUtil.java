package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.kubeboot.controller.util.Times;

import java.util.Objects;

/** Upstream {@code controllerutil.GetNodeCondition} and semantic equality of conditions. */
final class NodeConditionUtil {
    static final String READY = "Ready";
    static final String MEMORY_PRESSURE = "MemoryPressure";
    static final String DISK_PRESSURE = "DiskPressure";
    static final String PID_PRESSURE = "PIDPressure";
    static final String NETWORK_UNAVAILABLE = "NetworkUnavailable";
    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    private NodeConditionUtil() {
    }

    /** The condition of {@code type} in {@code status} (the live object, not a copy), or null. */
    static NodeCondition get(NodeStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        for (NodeCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    /** As apimachinery's {@code Semantic.DeepEqual} of two conditions: times compared as instants. */
    static boolean semanticEquals(NodeCondition a, NodeCondition b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getType(), b.getType()) && Objects.equals(a.getStatus(), b.getStatus())
                && Objects.equals(nz(a.getReason()), nz(b.getReason())) && Objects.equals(nz(a.getMessage()), nz(b.getMessage()))
                && sameTime(a.getLastHeartbeatTime(), b.getLastHeartbeatTime())
                && sameTime(a.getLastTransitionTime(), b.getLastTransitionTime());
    }

    /** metav1.Time equality: both absent, or the same instant. */
    static boolean sameTime(String a, String b) {
        return Objects.equals(Times.parse(a), Times.parse(b));
    }

    static String status(NodeCondition c) {
        return c == null ? null : c.getStatus();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
