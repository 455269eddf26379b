package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.ContainerHash;
import io.kubeboot.node.kubelet.ContainerRestarts;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.prober.ProbeManager;
import io.kubeboot.node.runtime.ContainerStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream's {@code computePodActions} (kuberuntime_manager.go, init containers one at a time as without sidecars):
 * compares the pod's spec with what the runtime holds and decides what to kill, create and start. Pure apart from
 * reading liveness results.
 */
public final class PodActionsCalculator {
    private final ProbeManager probes;

    public PodActionsCalculator(ProbeManager probes) {
        this.probes = probes;
    }

    public PodActions compute(Pod pod, RuntimePod runtimePod) {
        RuntimePod.SandboxChange change = runtimePod.sandboxChange();
        boolean killPod = change.changed();
        boolean createSandbox = change.changed();
        List<Integer> toStart = new ArrayList<>();
        Map<String, PodActions.KillInfo> toKill = new LinkedHashMap<>();
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        List<Container> containers = pod.getSpec().getContainers();

        if (createSandbox) {
            if (!ContainerRestarts.shouldRestartOnFailure(pod) && change.attempt() != 0 && !runtimePod.containers().isEmpty()) {
                // everything ran and nothing may restart: no new sandbox just to end the pod
                return new PodActions(true, false, change.sandboxId(), change.attempt(), null, toStart, toKill);
            }
            for (int i = 0; i < containers.size(); i++) {
                if (ContainerRestarts.ON_FAILURE.equals(ContainerRestarts.restartPolicy(pod))
                        && ContainerRestarts.succeeded(containers.get(i), runtimePod)) {
                    continue;
                }
                toStart.add(i);
            }
            if (toStart.isEmpty() && nextInit(pod, runtimePod).done()) {
                return new PodActions(true, false, change.sandboxId(), change.attempt(), null, List.of(), toKill);
            }
            if (!inits.isEmpty()) {
                return new PodActions(true, true, change.sandboxId(), change.attempt(), inits.get(0), List.of(), toKill);
            }
            return new PodActions(true, true, change.sandboxId(), change.attempt(), null, toStart, toKill);
        }

        InitProgress init = nextInit(pod, runtimePod);
        if (!init.done()) {
            Container next = null;
            if (init.next() != null) {
                boolean initFailed = init.lastStatus() != null && ContainerRestarts.isInitContainerFailed(init.lastStatus());
                if (initFailed && !ContainerRestarts.shouldRestartOnFailure(pod)) {
                    killPod = true;
                } else {
                    if (init.lastStatus() != null && init.lastStatus().state() == ContainerStatus.State.UNKNOWN) {
                        toKill.put(init.lastStatus().id(), new PodActions.KillInfo(init.next().getName(),
                                "Init container is in \"unknown\" state, try killing it before restart", "Unknown"));
                    }
                    next = init.next();
                }
            }
            return new PodActions(killPod, false, change.sandboxId(), change.attempt(), next, toStart, toKill);
        }

        int keepCount = 0;
        String uid = pod.getMetadata().getUid();
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            Optional<ContainerStatus> latest = runtimePod.latest(container.getName());
            if (latest.isEmpty() || latest.get().state() != ContainerStatus.State.RUNNING) {
                if (ContainerRestarts.shouldContainerBeRestarted(container, pod, runtimePod)) {
                    toStart.add(i);
                    if (latest.isPresent() && latest.get().state() == ContainerStatus.State.UNKNOWN) {
                        toKill.put(latest.get().id(), new PodActions.KillInfo(container.getName(),
                                "Container is in \"unknown\" state, try killing it before restart", "Unknown"));
                    }
                }
                continue;
            }
            ContainerStatus status = latest.get();
            String message;
            String reason = null;
            boolean restart = ContainerRestarts.shouldRestartOnFailure(pod);
            if (!ContainerHash.label(container).equals(RuntimePod.hash(status))) {
                message = "Container " + container.getName() + " definition changed";
                restart = true;
            } else if (probes.livenessFailed(uid, container.getName(), status.id())) {
                message = "Container " + container.getName() + " failed liveness probe";
                reason = "LivenessProbe";
            } else {
                keepCount++;
                continue;
            }
            if (restart) {
                message = message + ", will be restarted";
                toStart.add(i);
            }
            toKill.put(status.id(), new PodActions.KillInfo(container.getName(), message, reason));
        }
        if (keepCount == 0 && toStart.isEmpty()) {
            killPod = true;
        }
        return new PodActions(killPod, false, change.sandboxId(), change.attempt(), null, toStart, toKill);
    }

    /** Upstream's findNextInitContainerToRun result. */
    record InitProgress(ContainerStatus lastStatus, Container next, boolean done) {
    }

    static InitProgress nextInit(Pod pod, RuntimePod runtimePod) {
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        if (inits.isEmpty()) {
            return new InitProgress(null, null, true);
        }
        // a running regular container means initialization completed once, even if its containers are gone
        for (Container c : pod.getSpec().getContainers()) {
            Optional<ContainerStatus> s = runtimePod.latest(c.getName());
            if (s.isPresent() && s.get().state() == ContainerStatus.State.RUNNING) {
                return new InitProgress(null, null, true);
            }
        }
        for (int i = inits.size() - 1; i >= 0; i--) {
            Optional<ContainerStatus> s = runtimePod.latest(inits.get(i).getName());
            if (s.isPresent() && ContainerRestarts.isInitContainerFailed(s.get())) {
                return new InitProgress(s.get(), inits.get(i), false);
            }
        }
        for (int i = inits.size() - 1; i >= 0; i--) {
            Optional<ContainerStatus> s = runtimePod.latest(inits.get(i).getName());
            if (s.isEmpty()) {
                continue;
            }
            if (s.get().state() == ContainerStatus.State.RUNNING) {
                return new InitProgress(null, null, false);
            }
            if (s.get().state() == ContainerStatus.State.EXITED) {
                if (i == inits.size() - 1) {
                    return new InitProgress(null, null, true);
                }
                return new InitProgress(null, inits.get(i + 1), false);
            }
        }
        return new InitProgress(null, inits.get(0), false);
    }
}
