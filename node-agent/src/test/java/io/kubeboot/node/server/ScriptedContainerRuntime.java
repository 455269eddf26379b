package io.kubeboot.node.server;

import io.kubeboot.node.runtime.UnsupportedRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.ImageInfo;
import io.kubeboot.node.runtime.LogOptions;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.SandboxStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test double of the container runtime for the node status, lease and kubelet server tests: containers, images,
 * version and logs are scripted by the test; the pod lifecycle calls are not supported. Logs honour tailLines and
 * limitBytes; a followed log writes its lines, then whatever {@link #append} adds until {@link #endFollow}.
 * Thread safe.
 */
public class ScriptedContainerRuntime extends UnsupportedRuntime {
    private volatile String version = "docker://20.10.24";
    private volatile boolean down;
    private final List<ImageInfo> images = new CopyOnWriteArrayList<>();
    private final Map<String, ContainerStatus> containers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> logs = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<String>> follow = new ConcurrentHashMap<>();
    /** Every logs() call: container ID and options. */
    public final List<Map.Entry<String, LogOptions>> logCalls = new CopyOnWriteArrayList<>();
    private static final String END = "\u0000end";

    public ScriptedContainerRuntime down(boolean down) {
        this.down = down;
        return this;
    }

    public ScriptedContainerRuntime version(String version) {
        this.version = version;
        return this;
    }

    public ScriptedContainerRuntime image(String id, long size, String... tags) {
        images.add(new ImageInfo(id, List.of(tags), size));
        return this;
    }

    /** Adds a container of pod ns/name with the given attempt, state and log lines. */
    public ScriptedContainerRuntime container(String id, String namespace, String pod, String podUid, String container,
                                              int attempt, ContainerStatus.State state, String... lines) {
        Map<String, String> labels = new HashMap<>();
        labels.put(RuntimeLabels.POD_NAMESPACE, namespace);
        labels.put(RuntimeLabels.POD_NAME, pod);
        if (podUid != null) {
            labels.put(RuntimeLabels.POD_UID, podUid);
        }
        labels.put(RuntimeLabels.CONTAINER_NAME, container);
        labels.put(RuntimeLabels.RESTART_COUNT, Integer.toString(attempt));
        labels.put(RuntimeLabels.NODE, "scripted");
        Instant created = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(attempt);
        containers.put(id, new ContainerStatus(id, "sandbox", podUid, container, state,
                state == ContainerStatus.State.EXITED ? 1 : 0, state == ContainerStatus.State.EXITED ? "Error" : null,
                null, created, created, state == ContainerStatus.State.EXITED ? created.plusSeconds(1) : null,
                "busybox", "sha256:1", labels));
        logs.put(id, List.of(lines));
        return this;
    }

    /** Adds a line to a followed log. */
    public void append(String id, String line) {
        follow.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(line);
    }

    /** Ends a followed log (the container stopped). */
    public void endFollow(String id) {
        follow.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(END);
    }

    @Override
    public String type() {
        return "docker";
    }

    @Override
    public String version() {
        if (down) {
            throw new IllegalStateException("Cannot connect to the Docker daemon");
        }
        return version;
    }

    @Override
    public List<ImageInfo> listImages() {
        if (down) {
            throw new IllegalStateException("Cannot connect to the Docker daemon");
        }
        return new ArrayList<>(images);
    }

    @Override
    public List<ContainerStatus> listContainers() {
        return new ArrayList<>(containers.values());
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return Optional.ofNullable(containers.get(containerId));
    }

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) {
        logCalls.add(Map.entry(containerId, options));
        List<String> lines = logs.getOrDefault(containerId, List.of());
        if (options.tailLines() != null) {
            lines = lines.subList((int) Math.max(0, lines.size() - options.tailLines()), lines.size());
        }
        long[] budget = {options.limitBytes() == null ? Long.MAX_VALUE : options.limitBytes()};
        try {
            for (String line : lines) {
                if (!write(out, line, budget)) {
                    return;
                }
            }
            if (options.follow()) {
                BlockingQueue<String> more = follow.computeIfAbsent(containerId, k -> new LinkedBlockingQueue<>());
                while (true) {
                    String line = more.poll(30, TimeUnit.SECONDS);
                    if (line == null || line.equals(END) || !write(out, line, budget)) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean write(OutputStream out, String line, long[] budget) throws IOException {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, budget[0]);
        out.write(b, 0, n);
        out.flush();
        budget[0] -= n;
        return budget[0] > 0;
    }

    // --- the pod lifecycle is not scripted ---

    @Override
    public List<SandboxStatus> listSandboxes() {
        return List.of();
    }
}
