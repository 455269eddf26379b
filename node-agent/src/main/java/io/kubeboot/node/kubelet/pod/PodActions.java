package io.kubeboot.node.kubelet.pod;

import java.util.List;
import java.util.Map;

/**
 * What a sync has to do to a pod (upstream's {@code podActions}).
 *
 * @param killPod               stop every container and the sandbox
 * @param createSandbox         create a new sandbox (after killing the pod when one existed)
 * @param sandboxId             the existing (newest) sandbox, or null
 * @param attempt               the attempt number of the sandbox to create
 * @param initContainersToStart indexes into {@code spec.initContainers}, in spec order: the next init container to
 *                              run and the restartable init containers (sidecars) to (re)start
 * @param containersToStart     indexes into {@code spec.containers}
 * @param containersToKill      container ID to why it is killed
 */
public record PodActions(boolean killPod, boolean createSandbox, String sandboxId, int attempt,
                         List<Integer> initContainersToStart, List<Integer> containersToStart,
                         Map<String, KillInfo> containersToKill) {
    public PodActions {
        initContainersToStart = List.copyOf(initContainersToStart);
        containersToStart = List.copyOf(containersToStart);
        containersToKill = Map.copyOf(containersToKill);
    }

    /**
     * @param name    the container's name
     * @param message the Killing event's message (empty for the default "Stopping container x")
     * @param reason  {@code LivenessProbe}, {@code StartupProbe}, {@code Unknown} or null
     */
    public record KillInfo(String name, String message, String reason) {
    }
}
