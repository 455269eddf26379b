package io.kubeboot.node.kubelet.volumes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.runtime.ContainerSpec;

import java.util.List;

/**
 * Pod volumes on the host (upstream volumemanager plus the emptyDir, hostPath, configMap, secret, downwardAPI and
 * projected plugins): each volume becomes a folder under {@code <rootDir>/pods/<uid>/volumes/...} (hostPath: the
 * path itself) that containers bind-mount.
 *
 * <p>Thread safety: safe for concurrent use by pod workers (one pod is only ever handled by one worker at a time).
 * Idempotent: {@link #setUpPod} may run on every sync; it refreshes configMap/secret/downwardAPI contents.
 */
public interface VolumeManager {
    /**
     * Makes every volume of the pod exist on the host. A missing non-optional ConfigMap/Secret throws
     * {@link io.kubeboot.node.kubelet.KubeletException} (reason {@code FailedMount}, upstream's message), and the
     * pod's containers are not started.
     */
    void setUpPod(Pod pod);

    /**
     * The container's bind mounts (volumeMounts with subPath, subPathExpr and readOnly), after {@link #setUpPod}.
     * {@code env} is the container's resolved environment ({@code NAME=value}, from {@link
     * io.kubeboot.node.kubelet.env.EnvironmentResolver}) that subPathExpr expands, as upstream's makeMounts gets it.
     */
    List<ContainerSpec.Mount> mountsFor(Pod pod, Container container, List<String> env);

    /** Removes the pod's volume folders (never a hostPath); idempotent. */
    void tearDownPod(String podUid);
}
