package io.kubeboot.node.kubelet.status;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream's {@code ReasonCache}: the last reason a container failed to start (e.g. {@code CrashLoopBackOff},
 * {@code ErrImagePull}, {@code CreateContainerConfigError}) and its message, shown as the container's waiting
 * state until it starts. Thread safe.
 */
public final class ReasonCache {
    public record Reason(String reason, String message) {
    }

    private final Map<String, Map<String, Reason>> byPod = new ConcurrentHashMap<>();

    public void put(String podUid, String containerName, String reason, String message) {
        byPod.computeIfAbsent(podUid, k -> new ConcurrentHashMap<>()).put(containerName, new Reason(reason, message));
    }

    public void remove(String podUid, String containerName) {
        Map<String, Reason> m = byPod.get(podUid);
        if (m != null) {
            m.remove(containerName);
        }
    }

    public Optional<Reason> get(String podUid, String containerName) {
        Map<String, Reason> m = byPod.get(podUid);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(containerName));
    }

    public void forget(String podUid) {
        byPod.remove(podUid);
    }
}
