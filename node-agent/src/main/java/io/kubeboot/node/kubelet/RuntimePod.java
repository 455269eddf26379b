package io.kubeboot.node.kubelet;

import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime holds of one pod (upstream's {@code kubecontainer.PodStatus}): its sandboxes and containers,
 * each list newest first, as the kubelet's decisions expect.
 */
public record RuntimePod(String uid, List<SandboxStatus> sandboxes, List<ContainerStatus> containers) {
    /** Label on sandboxes: the attempt number of the sandbox (upstream's sandbox metadata Attempt). */
    public static final String SANDBOX_ATTEMPT = "io.kubeboot.sandbox.attempt";

    private static final Comparator<Instant> NEWEST_FIRST = Comparator.nullsLast(Comparator.<Instant>reverseOrder());

    public RuntimePod {
        sandboxes = sandboxes.stream().sorted(Comparator.comparing(SandboxStatus::createdAt, NEWEST_FIRST)).toList();
        containers = containers.stream().sorted(Comparator.comparing(ContainerStatus::createdAt, NEWEST_FIRST)).toList();
    }

    public static RuntimePod empty(String uid) {
        return new RuntimePod(uid, List.of(), List.of());
    }

    /** The pod's objects among everything the runtime listed. */
    public static RuntimePod of(String uid, List<SandboxStatus> allSandboxes, List<ContainerStatus> allContainers) {
        List<SandboxStatus> s = new ArrayList<>();
        for (SandboxStatus sb : allSandboxes) {
            if (uid.equals(sb.podUid())) {
                s.add(sb);
            }
        }
        List<ContainerStatus> c = new ArrayList<>();
        for (ContainerStatus cs : allContainers) {
            if (uid.equals(cs.podUid())) {
                c.add(cs);
            }
        }
        return new RuntimePod(uid, s, c);
    }

    /** The most recent container of that name (upstream FindContainerStatusByName). */
    public Optional<ContainerStatus> latest(String containerName) {
        for (ContainerStatus c : containers) {
            if (containerName.equals(c.name())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** All containers of that name, newest first. */
    public List<ContainerStatus> all(String containerName) {
        return containers.stream().filter(c -> containerName.equals(c.name())).toList();
    }

    /** The IP of the newest sandbox when it runs (upstream takes pod IPs only from a ready latest sandbox). */
    public String podIp() {
        if (sandboxes.isEmpty() || !sandboxes.get(0).running()) {
            return null;
        }
        String ip = sandboxes.get(0).ipAddress();
        return ip == null || ip.isEmpty() ? null : ip;
    }

    public boolean hasRunningSandbox() {
        return sandboxes.stream().anyMatch(SandboxStatus::running);
    }

    /**
     * Upstream's {@code PodSandboxChanged}: whether a new sandbox is needed (none, none ready, or more than one
     * ready), the attempt number the new one gets, and the ID of the newest existing one.
     */
    public SandboxChange sandboxChange() {
        if (sandboxes.isEmpty()) {
            return new SandboxChange(true, 0, null);
        }
        int ready = 0;
        int maxAttempt = 0;
        for (SandboxStatus s : sandboxes) {
            if (s.running()) {
                ready++;
            }
            maxAttempt = Math.max(maxAttempt, attempt(s));
        }
        SandboxStatus newest = sandboxes.get(0);
        if (ready > 1 || !newest.running()) {
            return new SandboxChange(true, maxAttempt + 1, newest.id());
        }
        return new SandboxChange(false, maxAttempt, newest.id());
    }

    /** See {@link #sandboxChange()}. */
    public record SandboxChange(boolean changed, int attempt, String sandboxId) {
    }

    public static int attempt(SandboxStatus sandbox) {
        try {
            return Integer.parseInt(sandbox.labels().getOrDefault(SANDBOX_ATTEMPT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The container's spec hash label, or null. */
    public static String hash(ContainerStatus c) {
        return c.labels().get(RuntimeLabels.CONTAINER_HASH);
    }
}
