package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Optional;

/**
 * Runs postStart and preStop hooks (exec, httpGet, sleep) as upstream's handlerRunner. Thread safe; blocking.
 */
public interface LifecycleHandlers {
    /** Runs the hook against the container; returns upstream's failure message when it failed, else empty. */
    Optional<String> run(Pod pod, String containerName, String containerId, String podIp, LifecycleHandler handler);
}
