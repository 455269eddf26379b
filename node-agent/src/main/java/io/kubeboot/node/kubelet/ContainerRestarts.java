package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.runtime.ContainerStatus;

import java.util.Optional;

/** Upstream's restart rules ({@code kubecontainer.ShouldContainerBeRestarted} and friends). */
public final class ContainerRestarts {
    public static final String ALWAYS = "Always";
    public static final String ON_FAILURE = "OnFailure";
    public static final String NEVER = "Never";

    private ContainerRestarts() {
    }

    public static String restartPolicy(Pod pod) {
        String p = pod.getSpec().getRestartPolicy();
        return p == null || p.isEmpty() ? ALWAYS : p;
    }

    public static boolean shouldRestartOnFailure(Pod pod) {
        return !NEVER.equals(restartPolicy(pod));
    }

    /** Whether the container should be (re)started on the next sync given its most recent instance. */
    public static boolean shouldContainerBeRestarted(Container container, Pod pod, RuntimePod runtimePod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        Optional<ContainerStatus> latest = runtimePod.latest(container.getName());
        if (latest.isEmpty()) {
            return true;
        }
        ContainerStatus status = latest.get();
        if (status.state() == ContainerStatus.State.RUNNING) {
            return false;
        }
        if (status.state() == ContainerStatus.State.UNKNOWN || status.state() == ContainerStatus.State.CREATED) {
            return true;
        }
        String policy = restartPolicy(pod);
        if (NEVER.equals(policy)) {
            return false;
        }
        return !(ON_FAILURE.equals(policy) && status.exitCode() == 0);
    }

    public static boolean succeeded(Container container, RuntimePod runtimePod) {
        return runtimePod.latest(container.getName())
                .map(s -> s.state() == ContainerStatus.State.EXITED && s.exitCode() == 0).orElse(false);
    }

    /** Upstream's {@code IsRestartableInitContainer}: an init container with {@code restartPolicy: Always} (a sidecar). */
    public static boolean isRestartableInitContainer(Container initContainer) {
        return ALWAYS.equals(initContainer.getRestartPolicy());
    }

    /** Upstream's {@code HasRestartableInitContainer}. */
    public static boolean hasRestartableInitContainer(Pod pod) {
        return pod.getSpec().getInitContainers() != null
                && pod.getSpec().getInitContainers().stream().anyMatch(ContainerRestarts::isRestartableInitContainer);
    }

    public static boolean isInitContainerFailed(ContainerStatus status) {
        return (status.state() == ContainerStatus.State.EXITED && status.exitCode() != 0)
                || status.state() == ContainerStatus.State.UNKNOWN;
    }
}
