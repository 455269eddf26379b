package io.kubeboot.node.kubelet.doubles;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeboot.node.kubelet.KubeletEvents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the kubelet's events as {@code <type> <reason> <fieldPath>: <message>}. */
public final class TestEvents implements KubeletEvents {
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void event(ObjectReference ref, String type, String reason, String message) {
        events.add(type + " " + reason + " " + (ref.getFieldPath() == null ? "" : ref.getFieldPath()) + ": " + message);
    }

    public List<String> reasons() {
        return events.stream().map(e -> e.split(" ")[1]).toList();
    }
}
