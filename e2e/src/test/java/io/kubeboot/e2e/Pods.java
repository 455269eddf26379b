package io.kubeboot.e2e;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading pod status as {@code kubectl get pod -o yaml} shows it. */
final class Pods {
    private Pods() {
    }

    static Pod get(KubernetesClient client, String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static boolean ready(Pod pod) {
        return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static boolean runningAndReady(Pod pod) {
        return pod != null && "Running".equals(pod.getStatus().getPhase()) && ready(pod);
    }

    static List<ContainerStatus> containers(Pod pod) {
        return pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
    }

    static List<ContainerStatus> initContainers(Pod pod) {
        return pod == null || pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null
                ? List.of() : pod.getStatus().getInitContainerStatuses();
    }

    /** The status of the pod's only (or first) container; null before the kubelet reported one. */
    static ContainerStatus container(Pod pod) {
        List<ContainerStatus> all = containers(pod);
        return all.isEmpty() ? null : all.get(0);
    }

    static int restartCount(Pod pod) {
        ContainerStatus c = container(pod);
        return c == null || c.getRestartCount() == null ? 0 : c.getRestartCount();
    }

    /** The Docker ID of the pod's first container (from status.containerStatuses[0].containerID). */
    static String dockerId(Pod pod) {
        ContainerStatus c = container(pod);
        return c == null ? null : Docker.idOf(c.getContainerID());
    }

    static String waitingReason(ContainerStatus c) {
        return c == null || c.getState() == null || c.getState().getWaiting() == null ? null
                : c.getState().getWaiting().getReason();
    }

    static Instant time(String rfc3339) {
        return rfc3339 == null ? null : Instant.parse(rfc3339);
    }
}
