package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.ContainerHash;
import io.kubeboot.node.kubelet.ContainerRestarts;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.prober.ProbeManager;
import io.kubeboot.node.runtime.ContainerStatus;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's {@code computeInitContainerActions} (kuberuntime_container.go): which init containers to start and
 * which restartable init containers (sidecars) to kill, and whether the pod has been initialized.
 *
 * <p>Contract, as upstream: a regular init container must exit 0 before the next one starts; a restartable one only
 * has to be started (running and, if it has a startupProbe, that probe succeeded). Restartable init containers are
 * restarted whenever they are not running, for the whole life of the pod and whatever the pod's restartPolicy; a
 * failed regular init container is restarted unless the pod's restartPolicy is Never, which kills the pod. The init
 * containers are walked from the last to the first, as completed ones may have been removed from the runtime.
 */
final class InitContainerActions {
    private final ProbeManager probes;

    InitContainerActions(ProbeManager probes) {
        this.probes = probes;
    }

    /** Fills in {@code a}'s init containers to start and containers to kill; returns whether the pod is initialized. */
    boolean compute(Pod pod, RuntimePod runtimePod, PodActionsBuilder a) {
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        if (inits.isEmpty()) {
            return true;
        }
        // a created or running regular container means initialization completed once, even if the init containers
        // are gone from the runtime; an exited one does not (it may be from before a node reboot)
        boolean podHasInitialized = false;
        for (Container c : pod.getSpec().getContainers()) {
            Optional<ContainerStatus> s = runtimePod.latest(c.getName());
            if (s.isPresent() && (s.get().state() == ContainerStatus.State.CREATED || s.get().state() == ContainerStatus.State.RUNNING)) {
                podHasInitialized = true;
                break;
            }
        }
        boolean previouslyInitialized = podHasInitialized;
        boolean restartOnFailure = ContainerRestarts.shouldRestartOnFailure(pod);
        String uid = pod.getMetadata().getUid();
        int last = inits.size() - 1;

        for (int i = last; i >= 0; i--) {
            Container container = inits.get(i);
            boolean restartable = ContainerRestarts.isRestartableInitContainer(container);
            Optional<ContainerStatus> found = runtimePod.latest(container.getName());
            if (found.isEmpty()) {
                // gone from the runtime after initialization: only a sidecar has to run again
                if (previouslyInitialized && restartable) {
                    a.initContainersToStart.add(i);
                }
                continue;
            }
            if (previouslyInitialized && !restartable) {
                continue; // after initialization only the sidecars are kept running
            }
            ContainerStatus status = found.get();
            switch (status.state()) {
                case CREATED ->
                    // created but never started (the runtime failed to start it): start it again
                        a.initContainersToStart.add(i);
                case RUNNING -> {
                    if (restartable) {
                        if (!runningSidecar(uid, container, status, i, last, previouslyInitialized, a)) {
                            break;
                        }
                        if (i == last) {
                            podHasInitialized = true;
                        }
                    }
                    // a running regular init container: wait for it to finish
                }
                case EXITED -> {
                    if (restartable) {
                        a.initContainersToStart.add(i);
                    } else if (ContainerRestarts.isInitContainerFailed(status)) {
                        if (!restartOnFailure) {
                            a.killPod = true;
                            a.initContainersToStart.clear();
                            return false;
                        }
                        a.initContainersToStart.add(i);
                    } else if (i == last) {
                        podHasInitialized = true;
                    } else {
                        a.initContainersToStart.add(i + 1); // completed for the first time: the next one runs
                    }
                }
                default -> {
                    if (!restartable && !restartOnFailure) {
                        a.killPod = true;
                        a.initContainersToStart.clear();
                        return false;
                    }
                    a.containersToKill.put(status.id(), new PodActions.KillInfo(container.getName(),
                            "Init container is in \"unknown\" state, try killing it before restart", "Unknown"));
                    a.initContainersToStart.add(i);
                }
            }
            previouslyInitialized = true; // every init container before this one has run
        }
        if (!previouslyInitialized) {
            a.initContainersToStart.add(0); // nothing has run yet
        }
        // collected backwards; started in spec order
        Collections.reverse(a.initContainersToStart);
        return podHasInitialized;
    }

    /**
     * A running sidecar: returns whether it counts as started (then the next init container may start); kills it
     * when its startup or liveness probe failed or its definition changed, so that it is started again.
     */
    private boolean runningSidecar(String uid, Container container, ContainerStatus status, int i, int last,
                                   boolean previouslyInitialized, PodActionsBuilder a) {
        String name = container.getName();
        if (container.getStartupProbe() != null && !probes.started(uid, name, status.id())) {
            if (probes.startupFailed(uid, name, status.id())) {
                a.containersToKill.put(status.id(), new PodActions.KillInfo(name,
                        "Init container " + name + " failed startup probe", "StartupProbe"));
                a.initContainersToStart.add(i);
            }
            return false; // not started yet: wait for the startup probe
        }
        if (i != last && !previouslyInitialized) {
            a.initContainersToStart.add(i + 1); // started for the first time: the next init container runs
        }
        if (!ContainerHash.label(container).equals(RuntimePod.hash(status))) {
            a.containersToKill.put(status.id(), new PodActions.KillInfo(name, "Init container " + name + " definition changed", null));
            a.initContainersToStart.add(i);
            return true;
        }
        // liveness does not hold back the next init container, but a failed one restarts the sidecar
        if (container.getLivenessProbe() != null && probes.livenessFailed(uid, name, status.id())) {
            a.containersToKill.put(status.id(), new PodActions.KillInfo(name,
                    "Init container " + name + " failed liveness probe", "LivenessProbe"));
            a.initContainersToStart.add(i);
        }
        return true;
    }
}
