package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeboot.runtime.events.EventRecorder;

/** Where the kubelet's pod and container events go: an {@link EventRecorder} in production, a list in tests. */
@FunctionalInterface
public interface KubeletEvents {
    String NORMAL = EventRecorder.NORMAL;
    String WARNING = EventRecorder.WARNING;

    void event(ObjectReference ref, String type, String reason, String message);

    static KubeletEvents of(EventRecorder recorder) {
        return recorder::event;
    }
}
