package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;

/** Receives the pods bound to a node (implemented by the kubelet); calls must not block. */
public interface PodHandler {
    /** The pod was added or changed in the API. */
    void podUpdated(Pod pod);

    /** The pod was removed from the API. */
    void podDeleted(Pod pod);
}
