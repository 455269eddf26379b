package io.kubeboot.node.kubelet.doubles;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeboot.node.kubelet.prober.ProbeManager;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Probe results set by the test: every container ready and started unless listed otherwise. */
public final class ProbeManagerDouble implements ProbeManager {
    public final Set<String> notReady = ConcurrentHashMap.newKeySet();
    public final Set<String> notStarted = ConcurrentHashMap.newKeySet();
    /** Container IDs whose liveness failed. */
    public final Set<String> livenessFailed = ConcurrentHashMap.newKeySet();
    /** Container IDs whose startup probe failed. */
    public final Set<String> startupFailed = ConcurrentHashMap.newKeySet();
    public final Set<String> removed = ConcurrentHashMap.newKeySet();
    public volatile Consumer<String> listener;

    @Override
    public void syncPod(Pod pod, PodStatus status) {
    }

    @Override
    public void removePod(String podUid) {
        removed.add(podUid);
    }

    @Override
    public boolean ready(String podUid, String containerName, String containerId) {
        return !notReady.contains(containerName);
    }

    @Override
    public boolean started(String podUid, String containerName, String containerId) {
        return !notStarted.contains(containerName);
    }

    @Override
    public boolean livenessFailed(String podUid, String containerName, String containerId) {
        return livenessFailed.contains(containerId);
    }

    @Override
    public boolean startupFailed(String podUid, String containerName, String containerId) {
        return startupFailed.contains(containerId);
    }

    @Override
    public void setResultListener(Consumer<String> podUidChanged) {
        this.listener = podUidChanged;
    }
}
