package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * The kubelet's node condition setters (upstream nodestatus/setters.go MemoryPressureCondition,
 * DiskPressureCondition, PIDPressureCondition and ReadyCondition): every call refreshes lastHeartbeatTime; the
 * transition time and an event only when the status changes. No pressure is ever reported (there is no eviction
 * manager), so the pressure conditions settle at False. Pure apart from the event sink.
 */
public final class NodeConditions {
    public static final String READY = "Ready";
    public static final String MEMORY_PRESSURE = "MemoryPressure";
    public static final String DISK_PRESSURE = "DiskPressure";
    public static final String PID_PRESSURE = "PIDPressure";

    private final String nodeName;
    private final NodeEventSink events;

    public NodeConditions(String nodeName, NodeEventSink events) {
        this.nodeName = nodeName;
        this.events = events;
    }

    /** Pressure conditions then Ready, in upstream's setter order. {@code runtimeErrors} empty means ready. */
    public void apply(NodeStatus status, String now, List<String> runtimeErrors) {
        noPressure(status, now, MEMORY_PRESSURE, "KubeletHasSufficientMemory", "kubelet has sufficient memory available",
                "NodeHasSufficientMemory");
        noPressure(status, now, DISK_PRESSURE, "KubeletHasNoDiskPressure", "kubelet has no disk pressure",
                "NodeHasNoDiskPressure");
        noPressure(status, now, PID_PRESSURE, "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                "NodeHasSufficientPID");
        ready(status, now, runtimeErrors);
    }

    private void noPressure(NodeStatus status, String now, String type, String reason, String message, String event) {
        List<NodeCondition> conditions = conditions(status);
        NodeCondition c = find(conditions, type);
        boolean added = c == null;
        if (added) {
            c = new NodeCondition();
            c.setType(type);
            c.setStatus("Unknown");
        }
        c.setLastHeartbeatTime(now);
        if (!"False".equals(c.getStatus())) {
            c.setStatus("False");
            c.setReason(reason);
            c.setMessage(message);
            c.setLastTransitionTime(now);
            record("Normal", event);
        }
        if (added) {
            conditions.add(c);
        }
    }

    private void ready(NodeStatus status, String now, List<String> errors) {
        NodeCondition next = new NodeCondition();
        next.setType(READY);
        next.setLastHeartbeatTime(now);
        if (errors.isEmpty()) {
            next.setStatus("True");
            next.setReason("KubeletReady");
            next.setMessage("kubelet is posting ready status");
        } else {
            next.setStatus("False");
            next.setReason("KubeletNotReady");
            // utilerrors.NewAggregate: one error prints alone, several as [a, b]
            next.setMessage(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        List<NodeCondition> conditions = conditions(status);
        for (int i = 0; i < conditions.size(); i++) {
            NodeCondition old = conditions.get(i);
            if (READY.equals(old.getType())) {
                if (next.getStatus().equals(old.getStatus())) {
                    next.setLastTransitionTime(old.getLastTransitionTime());
                } else {
                    next.setLastTransitionTime(now);
                    record("Normal", errors.isEmpty() ? "NodeReady" : "NodeNotReady");
                }
                conditions.set(i, next);
                return;
            }
        }
        next.setLastTransitionTime(now);
        conditions.add(next);
    }

    private void record(String type, String event) {
        events.record(type, event, "Node " + nodeName + " status is now: " + event);
    }

    private static List<NodeCondition> conditions(NodeStatus status) {
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        } else if (!(status.getConditions() instanceof ArrayList)) {
            status.setConditions(new ArrayList<>(status.getConditions()));
        }
        return status.getConditions();
    }

    private static NodeCondition find(List<NodeCondition> conditions, String type) {
        for (NodeCondition c : conditions) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }
}
