package io.kubeboot.node.kubelet.prober;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Upstream prober/results.Manager: the latest result of one probe type per container ID. A change is reported to the
 * listener with the pod's uid. Container IDs are compared without their {@code <runtime>://} prefix. Thread safe.
 */
final class ResultsStore {
    enum State { UNKNOWN, SUCCESS, FAILURE }

    private record Entry(State state, String podUid) {
    }

    private final Map<String, Entry> results = new ConcurrentHashMap<>();
    private final Consumer<String> changed;

    ResultsStore(Consumer<String> changed) {
        this.changed = changed;
    }

    State get(String containerId) {
        Entry e = results.get(Prober.runtimeId(containerId));
        return e == null ? null : e.state();
    }

    void set(String containerId, State state, String podUid) {
        Entry previous = results.put(Prober.runtimeId(containerId), new Entry(state, podUid));
        if (previous == null || previous.state() != state) {
            changed.accept(podUid);
        }
    }

    void remove(String containerId) {
        results.remove(Prober.runtimeId(containerId));
    }

    void removePod(String podUid) {
        results.values().removeIf(e -> e.podUid().equals(podUid));
    }
}
