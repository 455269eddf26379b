package io.kubeboot.node.runtime;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A container runtime as the kubelet sees it (the subset of CRI's RuntimeService and ImageService it needs).
 *
 * <p>Thread safety: implementations are safe for concurrent use; calls for different pods run in parallel (one pod
 * worker per pod). Failures are {@link RuntimeException}s of type {@link RuntimeOperationException} (with an
 * upstream-style reason where one applies, e.g. {@code ErrImagePull}); a missing object on stop/remove is not a
 * failure (both are idempotent).
 */
public interface ContainerRuntime {
    /** "docker" or "simulated"; the container ID scheme ({@code docker://<id>}). */
    String type();

    /** The runtime's version as the Node's {@code nodeInfo.containerRuntimeVersion} shows it, e.g. {@code docker://20.10.24}. */
    String version();

    // --- images ---

    /** The image as present locally, or empty when it is not. */
    Optional<ImageInfo> inspectImage(String image);

    /** Pulls the image; throws {@link RuntimeOperationException} with reason {@code ErrImagePull} on failure. */
    void pullImage(String image);

    /** All local images (for {@code node.status.images}). */
    List<ImageInfo> listImages();

    // --- sandboxes (one per pod: owns the network namespace, hostname, DNS and /etc/hosts) ---

    /** Creates and starts the pod's sandbox; returns its ID. */
    String runSandbox(SandboxSpec spec);

    /** Stops the sandbox (its containers must be stopped first); idempotent. */
    void stopSandbox(String sandboxId);

    /** Removes the sandbox; idempotent. */
    void removeSandbox(String sandboxId);

    /** The sandboxes of this node (labelled with its node name), running or not. */
    List<SandboxStatus> listSandboxes();

    // --- containers ---

    /** Creates (does not start) a container joined to the sandbox's network namespace; returns its ID. */
    String createContainer(String sandboxId, ContainerSpec spec);

    void startContainer(String containerId);

    /** SIGTERM (or the image's stop signal), then SIGKILL after {@code gracePeriod}; idempotent. */
    void stopContainer(String containerId, Duration gracePeriod);

    /** Removes the container; idempotent. */
    void removeContainer(String containerId);

    /** The containers (not sandboxes) of this node, running or exited. */
    List<ContainerStatus> listContainers();

    /** One container's current status, or empty when it no longer exists. */
    Optional<ContainerStatus> containerStatus(String containerId);

    /** Runs a command in a running container (exec probes, lifecycle hooks), waiting at most {@code timeout}. */
    ExecResult exec(String containerId, List<String> command, Duration timeout);

    /**
     * Writes the container's log to {@code out} as {@code kubectl logs} shows it; with {@code follow}, blocks and
     * streams until the container stops or the caller closes {@code out} / interrupts the thread.
     */
    void logs(String containerId, LogOptions options, OutputStream out);

    /**
     * Runs a command in a running container attached to the caller's streams (CRI's Exec as the kubelet's
     * streaming server drives it: {@code kubectl exec}). Blocks until the command ends and returns its exit code;
     * a non-zero exit is not a failure. The command's stdin closes when {@code streams.stdin()} ends. Runtimes
     * that cannot stream refuse with {@link RuntimeOperationException}, which this default does.
     */
    default int execStreaming(String containerId, ExecStreams streams) {
        throw new RuntimeOperationException(null, "the " + type() + " runtime does not support streaming exec");
    }
}
