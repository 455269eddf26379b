package io.kubeboot.node.runtime.simulated;

import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.ExecResult;
import io.kubeboot.node.runtime.ImageInfo;
import io.kubeboot.node.runtime.LogOptions;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.SandboxStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory container runtime <b>for scale benchmarks only</b> (and the kubelet's tests): nothing runs. Sandboxes
 * and containers "run" as soon as they are started and never exit, except a container created with the environment
 * variable {@code SIMULATED_EXIT_CODE=<n>}, which exits at once with that code (to exercise restart logic). Every
 * image is present, exec returns 0, a container's log is one line naming it. One instance per node: it only holds
 * objects labelled with its node.
 *
 * <p>Thread safe.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    public static final String EXIT_CODE_ENV = "SIMULATED_EXIT_CODE";

    private final String nodeName;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, SandboxStatus> sandboxes = new LinkedHashMap<>();
    private final Map<String, ContainerStatus> containers = new LinkedHashMap<>();
    private final Map<String, Integer> exitCodes = new LinkedHashMap<>();
    private java.time.Instant lastCreated = java.time.Instant.EPOCH;

    public SimulatedRuntime(String nodeName, Clock clock) {
        this.nodeName = nodeName;
        this.clock = clock;
    }

    public SimulatedRuntime(String nodeName) {
        this(nodeName, Clock.systemUTC());
    }

    @Override
    public String type() {
        return "simulated";
    }

    @Override
    public String version() {
        return "simulated://0.1.0";
    }

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        return Optional.of(image(image));
    }

    @Override
    public void pullImage(String image) {
        // always present
    }

    @Override
    public List<ImageInfo> listImages() {
        return List.of();
    }

    @Override
    public synchronized String runSandbox(SandboxSpec spec) {
        String id = newId("sandbox");
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(RuntimeLabels.NODE, nodeName);
        sandboxes.put(id, new SandboxStatus(id, spec.podUid(), true, spec.ipAddress(), created(), labels));
        return id;
    }

    @Override
    public synchronized void stopSandbox(String sandboxId) {
        SandboxStatus s = sandboxes.get(sandboxId);
        if (s != null && s.running()) {
            sandboxes.put(sandboxId, new SandboxStatus(s.id(), s.podUid(), false, s.ipAddress(), s.createdAt(), s.labels()));
        }
    }

    @Override
    public synchronized void removeSandbox(String sandboxId) {
        sandboxes.remove(sandboxId);
    }

    @Override
    public synchronized List<SandboxStatus> listSandboxes() {
        return new ArrayList<>(sandboxes.values());
    }

    @Override
    public synchronized String createContainer(String sandboxId, ContainerSpec spec) {
        if (!sandboxes.containsKey(sandboxId)) {
            throw new RuntimeOperationException("CreateContainerError", "sandbox " + sandboxId + " not found");
        }
        String id = newId("container");
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(RuntimeLabels.NODE, nodeName);
        containers.put(id, new ContainerStatus(id, sandboxId, labels.get(RuntimeLabels.POD_UID),
                labels.get(RuntimeLabels.CONTAINER_NAME), ContainerStatus.State.CREATED, 0, null, null, created(),
                null, null, spec.image(), image(spec.image()).id(), labels));
        for (String e : spec.env()) {
            if (e.startsWith(EXIT_CODE_ENV + "=")) {
                try {
                    exitCodes.put(id, Integer.parseInt(e.substring(EXIT_CODE_ENV.length() + 1).trim()));
                } catch (NumberFormatException ignored) {
                    // not a number: runs forever
                }
            }
        }
        return id;
    }

    @Override
    public synchronized void startContainer(String containerId) {
        ContainerStatus c = containers.get(containerId);
        if (c == null) {
            throw new RuntimeOperationException("RunContainerError", "container " + containerId + " not found");
        }
        var now = clock.instant();
        Integer exit = exitCodes.get(containerId);
        if (exit != null) {
            containers.put(containerId, with(c, ContainerStatus.State.EXITED, exit, exit == 0 ? "Completed" : "Error", now, now));
        } else {
            containers.put(containerId, with(c, ContainerStatus.State.RUNNING, 0, null, now, null));
        }
    }

    @Override
    public synchronized void stopContainer(String containerId, Duration gracePeriod) {
        ContainerStatus c = containers.get(containerId);
        if (c != null && c.state() == ContainerStatus.State.RUNNING) {
            // as if SIGTERM ended it: 128 + 15
            containers.put(containerId, with(c, ContainerStatus.State.EXITED, 143, "Error", c.startedAt(), clock.instant()));
        }
    }

    @Override
    public synchronized void removeContainer(String containerId) {
        containers.remove(containerId);
        exitCodes.remove(containerId);
    }

    @Override
    public synchronized List<ContainerStatus> listContainers() {
        return new ArrayList<>(containers.values());
    }

    @Override
    public synchronized Optional<ContainerStatus> containerStatus(String containerId) {
        return Optional.ofNullable(containers.get(containerId));
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        return new ExecResult(0, "", false);
    }

    /** Simulated containers run no processes, so there is nothing to attach to: always refused. */
    @Override
    public int execStreaming(String containerId, io.kubeboot.node.runtime.ExecStreams streams) {
        throw new RuntimeOperationException(null, "the simulated runtime runs no processes: "
                + "kubectl exec needs a node agent on a Docker Engine (kubeboot.node.runtime=docker)");
    }

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) {
        ContainerStatus c = containerStatus(containerId).orElseThrow(() ->
                new RuntimeOperationException(null, "container " + containerId + " not found"));
        try {
            out.write(("simulated container " + c.name() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creation times strictly increase, so "newest first" is never a tie. */
    private java.time.Instant created() {
        java.time.Instant now = clock.instant();
        lastCreated = now.isAfter(lastCreated) ? now : lastCreated.plusNanos(1000);
        return lastCreated;
    }

    private String newId(String kind) {
        return sha(nodeName + "/" + kind + "/" + ids.incrementAndGet() + "/" + System.nanoTime()).substring(0, 64);
    }

    private static ContainerStatus with(ContainerStatus c, ContainerStatus.State state, int exitCode, String reason,
                                        java.time.Instant startedAt, java.time.Instant finishedAt) {
        return new ContainerStatus(c.id(), c.sandboxId(), c.podUid(), c.name(), state, exitCode, reason, null,
                c.createdAt(), startedAt, finishedAt, c.image(), c.imageId(), c.labels());
    }

    private static ImageInfo image(String image) {
        return new ImageInfo("sha256:" + sha(image), List.of(image), 0);
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
