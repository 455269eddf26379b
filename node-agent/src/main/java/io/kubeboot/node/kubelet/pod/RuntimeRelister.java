package io.kubeboot.node.kubelet.pod;

import io.kubeboot.node.kubelet.metrics.KubeletMetrics;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.SandboxStatus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Upstream's generic PLEG: relists the runtime and reports every pod one of whose containers or sandboxes
 * appeared, disappeared or changed state since the last relist. Also refreshes the running pods/containers
 * gauges. Not thread safe: one relist at a time (the kubelet's timer thread).
 */
public final class RuntimeRelister {
    private final ContainerRuntime runtime;
    private final Consumer<String> podChanged;
    private final KubeletMetrics metrics;
    private Map<String, Entry> last = Map.of();

    private record Entry(String podUid, String state) {
    }

    public RuntimeRelister(ContainerRuntime runtime, Consumer<String> podChanged, KubeletMetrics metrics) {
        this.runtime = runtime;
        this.podChanged = podChanged;
        this.metrics = metrics;
    }

    public void relist() {
        List<SandboxStatus> sandboxes = runtime.listSandboxes();
        List<ContainerStatus> containers = runtime.listContainers();
        Map<String, Entry> now = new HashMap<>();
        for (SandboxStatus s : sandboxes) {
            now.put(s.id(), new Entry(s.podUid(), s.running() ? "sandbox-running" : "sandbox-stopped"));
        }
        for (ContainerStatus c : containers) {
            now.put(c.id(), new Entry(c.podUid(), c.state().name()));
        }
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, Entry> e : now.entrySet()) {
            Entry before = last.get(e.getKey());
            if (before == null || !Objects.equals(before.state(), e.getValue().state())) {
                changed.add(e.getValue().podUid());
            }
        }
        for (Map.Entry<String, Entry> e : last.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                changed.add(e.getValue().podUid());
            }
        }
        last = now;
        metrics.updateRuntimeCounts(sandboxes, containers);
        for (String uid : changed) {
            if (uid != null) {
                podChanged.accept(uid);
            }
        }
    }
}
