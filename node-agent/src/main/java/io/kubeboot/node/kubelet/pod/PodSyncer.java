package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.kubelet.Backoff;
import io.kubeboot.node.kubelet.ContainerReferences;
import io.kubeboot.node.kubelet.ContainerRestarts;
import io.kubeboot.node.kubelet.GoDurations;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.kubelet.PodNames;
import io.kubeboot.node.kubelet.RuntimePod;
import io.kubeboot.node.kubelet.metrics.KubeletMetrics;
import io.kubeboot.node.kubelet.prober.ProbeManager;
import io.kubeboot.node.kubelet.status.PodPhases;
import io.kubeboot.node.kubelet.status.PodStatusGenerator;
import io.kubeboot.node.kubelet.status.ReasonCache;
import io.kubeboot.node.kubelet.status.StatusManager;
import io.kubeboot.node.kubelet.volumes.VolumeManager;
import io.kubeboot.node.network.PodNetwork;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.SandboxStatus;
import io.kubeboot.node.kubelet.KubeletEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The kubelet's per-pod work (upstream kubelet.go SyncPod / SyncTerminatingPod / SyncTerminatedPod with
 * kuberuntime's SyncPod): brings the runtime in line with the pod, reports its status, and ends it.
 *
 * <p>Thread safety: safe for concurrent use for different pods; the pod workers never run two calls for one pod
 * at the same time.
 */
public final class PodSyncer {
    private static final Logger log = LoggerFactory.getLogger(PodSyncer.class);
    public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

    /** The collaborators of a {@link PodSyncer}. */
    public record Deps(String nodeAddress, ContainerRuntime runtime, PodNetwork network, VolumeManager volumes,
                       ProbeManager probes, KubeletEvents events, StatusManager statusManager,
                       PodStatusGenerator statusGenerator, ReasonCache reasons, PodActionsCalculator calculator,
                       ContainerStarter starter, ContainerKiller killer, SandboxConfigFactory sandboxes,
                       Backoff backoff, KubeletMetrics metrics, ExecutorService executor, Clock clock) {
    }

    private final Deps d;

    public PodSyncer(Deps deps) {
        this.d = deps;
    }

    /** The pod as the runtime holds it now. */
    public RuntimePod runtimePod(String uid) {
        return RuntimePod.of(uid, d.runtime().listSandboxes(), d.runtime().listContainers());
    }

    /**
     * One sync of a pod that should run.
     *
     * @param firstSeen when the kubelet first saw the pod (for the start duration metric)
     * @return true when the pod reached a terminal phase and must be terminated
     */
    public boolean syncPod(Pod pod, Instant firstSeen) {
        String uid = pod.getMetadata().getUid();
        RuntimePod rp = runtimePod(uid);
        PodStatus status = generateAndSet(pod, rp, false, firstSeen);
        if (PodPhases.isTerminal(status.getPhase())) {
            return true;
        }
        try {
            d.volumes().setUpPod(pod);
        } catch (KubeletException e) {
            d.events().event(ContainerReferences.pod(pod), KubeletEvents.WARNING, e.reason() == null ? "FailedMount" : e.reason(), e.getMessage());
            throw e;
        }
        if (syncRuntime(pod, rp)) {
            rp = runtimePod(uid);
            status = generateAndSet(pod, rp, false, firstSeen);
        }
        d.probes().syncPod(pod, status);
        pruneDeadContainers(rp);
        return PodPhases.isTerminal(status.getPhase());
    }

    /** Stops every container (preStop hooks, grace period) and the sandbox, and reports the final status. */
    public void syncTerminatingPod(Pod pod, boolean removedFromApi) {
        String uid = pod.getMetadata().getUid();
        d.probes().removePod(uid);
        RuntimePod rp = runtimePod(uid);
        killPod(pod, rp, null);
        if (!removedFromApi) {
            generateAndSet(pod, runtimePod(uid), true, null);
        }
    }

    /** Tears down volumes and the IP; for a pod still in the API, writes its final status (and deletes it if marked). */
    public void syncTerminatedPod(Pod pod, boolean removedFromApi) {
        String uid = pod.getMetadata().getUid();
        d.volumes().tearDownPod(uid);
        d.network().release(uid);
        if (!removedFromApi) {
            d.statusManager().terminatePod(pod);
        }
    }

    /** The pod is gone from the API: removes its containers and sandboxes and forgets it. */
    public void removePod(Pod pod) {
        String uid = pod.getMetadata().getUid();
        removeRuntimeObjects(uid);
        d.network().release(uid);
        d.volumes().tearDownPod(uid);
        d.probes().removePod(uid);
        d.statusManager().forget(uid);
        d.reasons().forget(uid);
        d.backoff().resetPrefix(PodNames.keyPrefix(pod));
    }

    /** Stops and removes every container and sandbox of the pod uid (orphans found at start, removed pods). */
    public void removeRuntimeObjects(String uid) {
        RuntimePod rp = runtimePod(uid);
        for (ContainerStatus c : rp.containers()) {
            if (c.state() == ContainerStatus.State.RUNNING) {
                d.killer().kill(null, c, null, null, null, null);
            }
            d.runtime().removeContainer(c.id());
        }
        for (SandboxStatus s : rp.sandboxes()) {
            d.runtime().stopSandbox(s.id());
            d.runtime().removeSandbox(s.id());
        }
    }

    private PodStatus generateAndSet(Pod pod, RuntimePod rp, boolean podIsTerminal, Instant firstSeen) {
        String uid = pod.getMetadata().getUid();
        Optional<PodStatus> cached = d.statusManager().cached(uid);
        PodStatus status = d.statusGenerator().generate(pod, rp, cached.orElse(null), podIsTerminal);
        String before = cached.map(PodStatus::getPhase).orElse(null);
        if (firstSeen != null && !PodPhases.RUNNING.equals(before) && PodPhases.RUNNING.equals(status.getPhase())) {
            d.metrics().observePodStart(Duration.between(firstSeen, d.clock().instant()));
        }
        d.statusManager().setPodStatus(pod, status);
        return d.statusManager().cached(uid).orElse(status);
    }

    /** kuberuntime's SyncPod; returns whether it changed anything in the runtime or a container's waiting reason. */
    boolean syncRuntime(Pod pod, RuntimePod rp) {
        PodActions actions = d.calculator().compute(pod, rp);
        boolean changed = false;
        if (actions.createSandbox() && actions.sandboxId() != null) {
            d.events().event(ContainerReferences.pod(pod), KubeletEvents.NORMAL, "SandboxChanged",
                    "Pod sandbox changed, it will be killed and re-created.");
        }
        if (actions.killPod()) {
            changed |= killPod(pod, rp, null);
            if (actions.createSandbox()) {
                purgeInitContainers(pod, rp);
            }
        } else {
            for (Map.Entry<String, PodActions.KillInfo> k : actions.containersToKill().entrySet()) {
                ContainerStatus c = rp.containers().stream().filter(x -> x.id().equals(k.getKey())).findFirst().orElse(null);
                if (c != null) {
                    d.killer().kill(pod, c, k.getValue().message(), k.getValue().reason(), null, rp.podIp());
                    changed = true;
                }
            }
        }
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        String sandboxId = actions.sandboxId();
        String podIp = hostNetwork ? d.nodeAddress() : rp.podIp();
        if (actions.createSandbox()) {
            changed = true;
            try {
                String ip = hostNetwork ? null : d.network().allocate(pod.getMetadata().getUid());
                var spec = d.sandboxes().build(pod, actions.attempt(), ip);
                if (d.runtime().inspectImage(spec.image()).isEmpty()) {
                    d.runtime().pullImage(spec.image());
                }
                sandboxId = d.runtime().runSandbox(spec);
                if (!hostNetwork) {
                    String id = sandboxId;
                    podIp = d.runtime().listSandboxes().stream().filter(s -> s.id().equals(id)).map(SandboxStatus::ipAddress)
                            .filter(x -> x != null && !x.isEmpty()).findFirst().orElse(ip);
                }
            } catch (RuntimeException e) {
                log.warn("CreatePodSandbox for pod {} failed", PodNames.format(pod), e);
                d.events().event(ContainerReferences.pod(pod), KubeletEvents.WARNING, "FailedCreatePodSandBox",
                        "Failed to create pod sandbox: " + e.getMessage());
                return true;
            }
        }
        for (int idx : actions.initContainersToStart()) {
            Container init = pod.getSpec().getInitContainers().get(idx);
            StartOutcome o = startWithBackoff(pod, init, true, sandboxId, podIp, rp);
            changed |= o.touched;
            if (!o.ok && !ContainerRestarts.isRestartableInitContainer(init)) {
                return changed; // initialization cannot go on; a sidecar that failed to start is retried next sync
            }
        }
        for (int idx : actions.containersToStart()) {
            changed |= startWithBackoff(pod, pod.getSpec().getContainers().get(idx), false, sandboxId, podIp, rp).touched;
        }
        return changed;
    }

    private record StartOutcome(boolean ok, boolean touched) {
    }

    /** doBackOff and then start: a container that exited within its back-off is left in CrashLoopBackOff. */
    private StartOutcome startWithBackoff(Pod pod, Container container, boolean init, String sandboxId, String podIp, RuntimePod rp) {
        String uid = pod.getMetadata().getUid();
        Optional<ContainerStatus> exited = rp.containers().stream()
                .filter(c -> c.name().equals(container.getName()) && c.state() == ContainerStatus.State.EXITED).findFirst();
        if (exited.isPresent()) {
            String key = PodNames.stableKey(pod, container);
            Instant finishedAt = exited.get().finishedAt() == null ? d.clock().instant() : exited.get().finishedAt();
            if (d.backoff().isInBackOffSince(key, finishedAt)) {
                d.events().event(ContainerReferences.container(pod, container), KubeletEvents.WARNING, "BackOff",
                        "Back-off restarting failed container " + container.getName() + " in pod " + PodNames.format(pod));
                d.reasons().put(uid, container.getName(), CRASH_LOOP_BACK_OFF, "back-off " + GoDurations.format(d.backoff().get(key))
                        + " restarting failed container=" + container.getName() + " pod=" + PodNames.format(pod));
                return new StartOutcome(false, true); // nothing ran, but the waiting reason is new

            }
            d.backoff().next(key, finishedAt);
        }
        Optional<ReasonCache.Reason> failure = d.starter().start(pod, container, init, sandboxId, podIp, rp);
        if (failure.isPresent()) {
            d.reasons().put(uid, container.getName(), failure.get().reason(), failure.get().message());
            return new StartOutcome(false, true);
        }
        d.reasons().remove(uid, container.getName());
        return new StartOutcome(true, true);
    }

    /**
     * Kills the pod's running containers in parallel, then stops its sandboxes; returns whether anything ran. With
     * sidecars, upstream's termination ordering applies: each sidecar is stopped only after every regular container
     * and every later sidecar stopped (or its grace period ran out), so sidecars stop in reverse order, last.
     */
    boolean killPod(Pod pod, RuntimePod rp, Long graceOverride) {
        List<ContainerStatus> running = rp.containers().stream()
                .filter(c -> c.state() == ContainerStatus.State.RUNNING || c.state() == ContainerStatus.State.UNKNOWN).toList();
        TerminationOrdering ordering = ContainerRestarts.hasRestartableInitContainer(pod)
                ? new TerminationOrdering(pod, running.stream().map(ContainerStatus::name).toList()) : null;
        List<Future<?>> kills = new ArrayList<>();
        boolean any = false;
        for (ContainerStatus c : running) {
            any = true;
            kills.add(d.executor().submit(() -> d.killer().kill(pod, c, null, null, graceOverride, rp.podIp(), ordering)));
        }
        for (Future<?> f : kills) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return any;
            } catch (ExecutionException e) {
                log.warn("Failed to kill a container of pod {}", PodNames.format(pod), e.getCause());
            }
        }
        for (SandboxStatus s : rp.sandboxes()) {
            if (s.running()) {
                any = true;
                d.runtime().stopSandbox(s.id());
            }
        }
        return any;
    }

    /** A new sandbox restarts initialization: the old init containers go. */
    private void purgeInitContainers(Pod pod, RuntimePod rp) {
        if (pod.getSpec().getInitContainers() == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        pod.getSpec().getInitContainers().forEach(c -> names.add(c.getName()));
        for (ContainerStatus c : rp.containers()) {
            if (names.contains(c.name()) && c.state() != ContainerStatus.State.RUNNING) {
                d.runtime().removeContainer(c.id());
            }
        }
    }

    /**
     * Upstream's container GC with MaxPerPodContainer 1: of each container name only the most recent dead instance
     * is kept (for {@code logs --previous}); stopped sandboxes other than the newest go once nothing uses them.
     */
    void pruneDeadContainers(RuntimePod rp) {
        Set<String> keptDead = new HashSet<>();
        Set<String> usedSandboxes = new HashSet<>();
        for (ContainerStatus c : rp.containers()) { // newest first
            boolean dead = c.state() == ContainerStatus.State.EXITED;
            if (dead && !keptDead.add(c.name())) {
                d.runtime().removeContainer(c.id());
                continue;
            }
            if (c.sandboxId() != null) {
                usedSandboxes.add(c.sandboxId());
            }
        }
        for (int i = 1; i < rp.sandboxes().size(); i++) {
            SandboxStatus s = rp.sandboxes().get(i);
            if (!s.running() && !usedSandboxes.contains(s.id())) {
                d.runtime().removeSandbox(s.id());
            }
        }
    }
}
