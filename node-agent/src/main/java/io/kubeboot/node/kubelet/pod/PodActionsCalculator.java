package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.ContainerHash;
import io.kubeboot.node.kubelet.ContainerRestarts;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.prober.ProbeManager;
import io.kubeboot.node.runtime.ContainerStatus;

import java.util.List;
import java.util.Optional;

/**
 * Upstream's {@code computePodActions} (kuberuntime_manager.go, with the SidecarContainers feature on as in 1.32):
 * compares the pod's spec with what the runtime holds and decides what to kill, create and start. Init containers
 * (including restartable ones, "sidecars") are decided by {@link InitContainerActions}. Pure apart from reading
 * probe results.
 */
public final class PodActionsCalculator {
    private final ProbeManager probes;
    private final InitContainerActions initActions;

    public PodActionsCalculator(ProbeManager probes) {
        this.probes = probes;
        this.initActions = new InitContainerActions(probes);
    }

    public PodActions compute(Pod pod, RuntimePod runtimePod) {
        RuntimePod.SandboxChange change = runtimePod.sandboxChange();
        PodActionsBuilder a = new PodActionsBuilder(change.changed(), change.changed(), change.sandboxId(), change.attempt());
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        List<Container> containers = pod.getSpec().getContainers();

        if (a.createSandbox) {
            if (!ContainerRestarts.shouldRestartOnFailure(pod) && change.attempt() != 0 && !runtimePod.containers().isEmpty()) {
                // everything ran and nothing may restart: no new sandbox just to end the pod
                a.createSandbox = false;
                return a.build();
            }
            for (int i = 0; i < containers.size(); i++) {
                if (ContainerRestarts.ON_FAILURE.equals(ContainerRestarts.restartPolicy(pod))
                        && ContainerRestarts.succeeded(containers.get(i), runtimePod)) {
                    continue;
                }
                a.containersToStart.add(i);
            }
            // a created regular container means initialization completed once: nothing is left to start
            if (a.containersToStart.isEmpty() && hasAnyRegularContainerCreated(pod, runtimePod)) {
                a.createSandbox = false;
                return a.build();
            }
            if (!inits.isEmpty()) {
                // a new sandbox restarts initialization from the first init container
                a.containersToStart.clear();
                a.initContainersToStart.add(0);
            }
            return a.build();
        }

        boolean initialized = initActions.compute(pod, runtimePod, a);
        if (a.killPod || !initialized) {
            return a.build();
        }

        int keepCount = 0;
        String uid = pod.getMetadata().getUid();
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            Optional<ContainerStatus> latest = runtimePod.latest(container.getName());
            if (latest.isEmpty() || latest.get().state() != ContainerStatus.State.RUNNING) {
                if (ContainerRestarts.shouldContainerBeRestarted(container, pod, runtimePod)) {
                    a.containersToStart.add(i);
                    if (latest.isPresent() && latest.get().state() == ContainerStatus.State.UNKNOWN) {
                        a.containersToKill.put(latest.get().id(), new PodActions.KillInfo(container.getName(),
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
                a.containersToStart.add(i);
            }
            a.containersToKill.put(status.id(), new PodActions.KillInfo(container.getName(), message, reason));
        }
        if (keepCount == 0 && a.containersToStart.isEmpty()) {
            // every regular container is done for good (a Job's pod): the sidecars must not keep the pod alive
            a.killPod = true;
            a.initContainersToStart.clear();
        }
        return a.build();
    }

    /** Upstream's hasAnyRegularContainerCreated: created, running or exited. */
    static boolean hasAnyRegularContainerCreated(Pod pod, RuntimePod runtimePod) {
        for (Container c : pod.getSpec().getContainers()) {
            Optional<ContainerStatus> s = runtimePod.latest(c.getName());
            if (s.isPresent() && s.get().state() != ContainerStatus.State.UNKNOWN) {
                return true;
            }
        }
        return false;
    }
}
