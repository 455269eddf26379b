package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.util.function.Consumer;

/**
 * Liveness, readiness and startup probes of the pods on this node (upstream pkg/kubelet/prober): one periodic
 * worker per probe with initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold and
 * failureThreshold; exec, httpGet and tcpSocket handlers against the container (exec) or the pod IP.
 *
 * <p>Thread safety: safe for concurrent use. Results are kept per container ID, so a restarted container starts
 * with fresh results (not ready, not started) as upstream.
 */
public interface ProbeManager {
    /**
     * Starts (or keeps) the workers for the pod's probes, using the container IDs and pod IP in {@code status};
     * idempotent, called after every sync.
     */
    void syncPod(Pod pod, PodStatus status);

    /** Stops the pod's workers and forgets their results; idempotent. */
    void removePod(String podUid);

    /** Readiness: true when the readiness probe has succeeded (or there is none and the container started). */
    boolean ready(String podUid, String containerName, String containerId);

    /** Startup: true when the startup probe has succeeded or there is none. */
    boolean started(String podUid, String containerName, String containerId);

    /** Liveness (or startup) failed beyond its threshold: the kubelet kills the container and restarts it per policy. */
    boolean livenessFailed(String podUid, String containerName, String containerId);

    /**
     * Startup alone failed beyond its threshold (upstream's startupManager result Failure). A restartable init
     * container that is neither {@link #started started} nor startup-failed is still waiting for its startup probe.
     */
    boolean startupFailed(String podUid, String containerName, String containerId);

    /** Called with the pod uid whenever a result of one of its containers changes (the kubelet syncs the pod). */
    void setResultListener(Consumer<String> podUidChanged);
}
