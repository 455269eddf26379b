package io.kubeboot.node.kubelet.pod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mutable {@link PodActions} that the calculators fill in (upstream passes {@code *podActions} around). */
final class PodActionsBuilder {
    boolean killPod;
    boolean createSandbox;
    final String sandboxId;
    final int attempt;
    final List<Integer> initContainersToStart = new ArrayList<>();
    final List<Integer> containersToStart = new ArrayList<>();
    final Map<String, PodActions.KillInfo> containersToKill = new LinkedHashMap<>();

    PodActionsBuilder(boolean killPod, boolean createSandbox, String sandboxId, int attempt) {
        this.killPod = killPod;
        this.createSandbox = createSandbox;
        this.sandboxId = sandboxId;
        this.attempt = attempt;
    }

    PodActions build() {
        return new PodActions(killPod, createSandbox, sandboxId, attempt, initContainersToStart, containersToStart, containersToKill);
    }
}
