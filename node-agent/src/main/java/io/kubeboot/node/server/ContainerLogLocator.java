package io.kubeboot.node.server;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.RuntimeLabels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which runtime container's log {@code /containerLogs/<ns>/<pod>/<container>} reads, as upstream's
 * {@code getContainerLogs} + {@code validateContainerLogStatus}: the pod must be known (404
 * {@code pod "p" does not exist}) and have the container in its spec (404 {@code container "c" not found in pod
 * "p"}); then the running attempt, else the latest terminated one; with {@code previous}, the terminated attempt
 * before the current one. Attempts are the runtime's containers labelled with the pod's namespace, name (and uid)
 * and the container name, ordered by {@link RuntimeLabels#RESTART_COUNT}; the container IDs in the pod's status
 * ({@code state.terminated}, {@code lastState.terminated}) take precedence when they name one of them. Failures
 * are upstream's texts with 400. Pure.
 */
public final class ContainerLogLocator {
    private ContainerLogLocator() {
    }

    /**
     * @param pod        the pod as the kubelet knows it; empty when this node does not know the pod
     * @param podKnown   false when no pod source is wired (then only the runtime's labels are consulted)
     * @param containers every container of the runtime
     * @return the runtime container ID to read
     */
    public static String locate(String namespace, String podName, String containerName, boolean previous,
                                Optional<Pod> pod, boolean podKnown, List<ContainerStatus> containers) {
        if (podKnown && pod.isEmpty()) {
            throw new KubeletHttpException(404, "pod \"" + podName + "\" does not exist");
        }
        if (pod.isPresent() && !hasContainer(pod.get().getSpec(), containerName)) {
            throw new KubeletHttpException(404, "container \"" + containerName + "\" not found in pod \"" + podName + "\"");
        }
        String uid = pod.map(p -> p.getMetadata().getUid()).orElse(null);
        List<ContainerStatus> attempts = attempts(namespace, podName, uid, containerName, containers);
        io.fabric8.kubernetes.api.model.ContainerStatus status = pod.map(Pod::getStatus)
                .flatMap(s -> statusOf(s, containerName)).orElse(null);

        if (previous) {
            Optional<String> last = byId(attempts, terminatedId(status, true));
            if (last.isPresent()) {
                return last.get();
            }
            if (!attempts.isEmpty()) {
                int current = attempts.get(0).restartCount();
                for (ContainerStatus c : attempts) {
                    if (c.restartCount() < current && c.state() == ContainerStatus.State.EXITED) {
                        return c.id();
                    }
                }
            }
            throw notFoundPrevious(containerName, podName);
        }
        for (ContainerStatus c : attempts) {
            if (c.state() == ContainerStatus.State.RUNNING) {
                return c.id();
            }
        }
        Optional<String> fromStatus = byId(attempts, terminatedId(status, false))
                .or(() -> byId(attempts, terminatedId(status, true)));
        if (fromStatus.isPresent()) {
            return fromStatus.get();
        }
        for (ContainerStatus c : attempts) {
            if (c.state() == ContainerStatus.State.EXITED) {
                return c.id();
            }
        }
        throw waiting(containerName, podName, status, !attempts.isEmpty());
    }

    private static KubeletHttpException notFoundPrevious(String container, String pod) {
        return new KubeletHttpException(400, "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found");
    }

    private static KubeletHttpException waiting(String container, String pod,
                                                io.fabric8.kubernetes.api.model.ContainerStatus status, boolean created) {
        String prefix = "container \"" + container + "\" in pod \"" + pod + "\" ";
        ContainerStateWaiting w = status == null || status.getState() == null ? null : status.getState().getWaiting();
        String reason = w == null || w.getReason() == null || w.getReason().isEmpty()
                ? (created || w != null ? "ContainerCreating" : null) : w.getReason();
        if (reason == null) {
            return new KubeletHttpException(400, prefix + "is not available");
        }
        return new KubeletHttpException(400, prefix + "is waiting to start: " + switch (reason) {
            case "ErrImagePull" -> "image can't be pulled";
            case "ImagePullBackOff" -> "trying and failing to pull image";
            default -> reason;
        });
    }

    static List<ContainerStatus> attempts(String namespace, String podName, String uid, String containerName,
                                          List<ContainerStatus> containers) {
        List<ContainerStatus> out = new ArrayList<>();
        for (ContainerStatus c : containers) {
            var l = c.labels();
            if (namespace.equals(l.get(RuntimeLabels.POD_NAMESPACE)) && podName.equals(l.get(RuntimeLabels.POD_NAME))
                    && containerName.equals(l.get(RuntimeLabels.CONTAINER_NAME))
                    && (uid == null || !l.containsKey(RuntimeLabels.POD_UID) || uid.equals(l.get(RuntimeLabels.POD_UID)))) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingInt(ContainerStatus::restartCount).reversed()
                .thenComparing(ContainerStatus::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    private static boolean hasContainer(PodSpec spec, String name) {
        if (spec == null) {
            return false;
        }
        return Stream.of(nn(spec.getInitContainers()).stream().map(c -> c.getName()),
                        nn(spec.getContainers()).stream().map(c -> c.getName()),
                        nn(spec.getEphemeralContainers()).stream().map(c -> c.getName()))
                .flatMap(s -> s).anyMatch(name::equals);
    }

    private static Optional<io.fabric8.kubernetes.api.model.ContainerStatus> statusOf(PodStatus status, String name) {
        return Stream.of(nn(status.getContainerStatuses()), nn(status.getInitContainerStatuses()),
                        nn(status.getEphemeralContainerStatuses()))
                .flatMap(List::stream).filter(s -> name.equals(s.getName())).findFirst();
    }

    /** The runtime ID of {@code state.terminated} (last=false) or {@code lastState.terminated} (last=true). */
    private static String terminatedId(io.fabric8.kubernetes.api.model.ContainerStatus status, boolean last) {
        if (status == null) {
            return null;
        }
        var state = last ? status.getLastState() : status.getState();
        ContainerStateTerminated t = state == null ? null : state.getTerminated();
        String id = t == null ? null : t.getContainerID();
        if (id == null || id.isEmpty()) {
            return null;
        }
        int scheme = id.indexOf("://");
        return scheme >= 0 ? id.substring(scheme + 3) : id;
    }

    private static Optional<String> byId(List<ContainerStatus> attempts, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return attempts.stream().map(ContainerStatus::id).filter(id::equals).findFirst();
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }
}
