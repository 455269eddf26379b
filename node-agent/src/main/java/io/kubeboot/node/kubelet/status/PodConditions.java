package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.kubeboot.node.kubelet.RuntimePod;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The kubelet-owned pod conditions, as upstream's status/generate.go makes them (reasons and messages included). */
public final class PodConditions {
    public static final String POD_READY_TO_START_CONTAINERS = "PodReadyToStartContainers";
    public static final String INITIALIZED = "Initialized";
    public static final String READY = "Ready";
    public static final String CONTAINERS_READY = "ContainersReady";
    public static final String POD_SCHEDULED = "PodScheduled";
    public static final String DISRUPTION_TARGET = "DisruptionTarget";

    public static final String UNKNOWN_CONTAINER_STATUSES = "UnknownContainerStatuses";
    public static final String POD_COMPLETED = "PodCompleted";
    public static final String POD_FAILED = "PodFailed";
    public static final String CONTAINERS_NOT_READY = "ContainersNotReady";
    public static final String CONTAINERS_NOT_INITIALIZED = "ContainersNotInitialized";
    public static final String READINESS_GATES_NOT_READY = "ReadinessGatesNotReady";

    /** Conditions the kubelet owns (upstream {@code PodConditionByKubelet}); the others are kept as found. */
    public static final Set<String> OWNED = Set.of(POD_SCHEDULED, READY, INITIALIZED, CONTAINERS_READY, POD_READY_TO_START_CONTAINERS);

    private PodConditions() {
    }

    public static PodCondition containersReady(Pod pod, List<ContainerStatus> statuses, String phase) {
        if (statuses == null) {
            return condition(CONTAINERS_READY, "False", UNKNOWN_CONTAINER_STATUSES, null);
        }
        List<String> unknown = new ArrayList<>();
        List<String> unready = new ArrayList<>();
        for (Container c : inits(pod)) {
            if (!PodPhases.isRestartable(c)) {
                continue;
            }
            classify(c, statuses, unknown, unready);
        }
        for (Container c : pod.getSpec().getContainers()) {
            classify(c, statuses, unknown, unready);
        }
        if (PodPhases.SUCCEEDED.equals(phase) && unknown.isEmpty()) {
            return condition(CONTAINERS_READY, "False", POD_COMPLETED, null);
        }
        if (PodPhases.FAILED.equals(phase)) {
            return condition(CONTAINERS_READY, "False", POD_FAILED, null);
        }
        List<String> messages = new ArrayList<>();
        if (!unknown.isEmpty()) {
            messages.add("containers with unknown status: " + goList(unknown));
        }
        if (!unready.isEmpty()) {
            messages.add("containers with unready status: " + goList(unready));
        }
        if (!messages.isEmpty()) {
            return condition(CONTAINERS_READY, "False", CONTAINERS_NOT_READY, String.join(", ", messages));
        }
        return condition(CONTAINERS_READY, "True", null, null);
    }

    public static PodCondition ready(Pod pod, List<PodCondition> conditions, List<ContainerStatus> statuses, String phase) {
        PodCondition containersReady = containersReady(pod, statuses, phase);
        if (!"True".equals(containersReady.getStatus())) {
            return condition(READY, containersReady.getStatus(), containersReady.getReason(), containersReady.getMessage());
        }
        List<String> messages = new ArrayList<>();
        List<PodReadinessGate> gates = pod.getSpec().getReadinessGates() == null ? List.of() : pod.getSpec().getReadinessGates();
        for (PodReadinessGate gate : gates) {
            Optional<PodCondition> c = conditions.stream().filter(x -> gate.getConditionType().equals(x.getType())).findFirst();
            if (c.isEmpty()) {
                messages.add("corresponding condition of pod readiness gate \"" + gate.getConditionType() + "\" does not exist.");
            } else if (!"True".equals(c.get().getStatus())) {
                messages.add("the status of pod readiness gate \"" + gate.getConditionType() + "\" is not \"True\", but " + c.get().getStatus());
            }
        }
        if (!messages.isEmpty()) {
            return condition(READY, "False", READINESS_GATES_NOT_READY, String.join(", ", messages));
        }
        return condition(READY, "True", null, null);
    }

    public static PodCondition initialized(Pod pod, List<ContainerStatus> statuses, String phase) {
        List<Container> inits = inits(pod);
        if (statuses == null && !inits.isEmpty()) {
            return condition(INITIALIZED, "False", UNKNOWN_CONTAINER_STATUSES, null);
        }
        List<String> unknown = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (Container c : inits) {
            Optional<ContainerStatus> s = PodPhases.find(statuses, c.getName());
            if (s.isEmpty()) {
                unknown.add(c.getName());
                continue;
            }
            boolean done = PodPhases.isRestartable(c) ? Boolean.TRUE.equals(s.get().getStarted()) : Boolean.TRUE.equals(s.get().getReady());
            if (!done) {
                incomplete.add(c.getName());
            }
        }
        if (PodPhases.SUCCEEDED.equals(phase) && unknown.isEmpty()) {
            return condition(INITIALIZED, "True", POD_COMPLETED, null);
        }
        if (PodPhases.hasAnyRegularContainerStarted(pod.getSpec(), statuses)) {
            return condition(INITIALIZED, "True", null, null);
        }
        List<String> messages = new ArrayList<>();
        if (!unknown.isEmpty()) {
            messages.add("containers with unknown status: " + goList(unknown));
        }
        if (!incomplete.isEmpty()) {
            messages.add("containers with incomplete status: " + goList(incomplete));
        }
        if (!messages.isEmpty()) {
            return condition(INITIALIZED, "False", CONTAINERS_NOT_INITIALIZED, String.join(", ", messages));
        }
        return condition(INITIALIZED, "True", null, null);
    }

    /** True when the pod has a ready sandbox (no new one is needed). */
    public static PodCondition readyToStartContainers(RuntimePod runtimePod) {
        return condition(POD_READY_TO_START_CONTAINERS, runtimePod.sandboxChange().changed() ? "False" : "True", null, null);
    }

    public static PodCondition scheduled() {
        return condition(POD_SCHEDULED, "True", null, null);
    }

    private static void classify(Container c, List<ContainerStatus> statuses, List<String> unknown, List<String> unready) {
        Optional<ContainerStatus> s = PodPhases.find(statuses, c.getName());
        if (s.isEmpty()) {
            unknown.add(c.getName());
        } else if (!Boolean.TRUE.equals(s.get().getReady())) {
            unready.add(c.getName());
        }
    }

    private static List<Container> inits(Pod pod) {
        return pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
    }

    /** A string slice as Go's %s prints it: {@code [a b]}. */
    static String goList(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    static PodCondition condition(String type, String status, String reason, String message) {
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        return c;
    }
}
