package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Optional;

/** Where the status manager writes: the API ({@link ApiPodStatusWriter}) or a test double. */
public interface PodStatusWriter {
    /** The outcome of a write. */
    enum Result { OK, NOT_FOUND, CONFLICT, FAILED }

    /** Applies a JSON merge patch to {@code pods/{name}/status}. */
    Result patchStatus(Pod pod, String mergePatch);

    /** Reads the pod's current status from the API (after a conflict); empty when gone or replaced. */
    Optional<Pod> read(Pod pod);

    /** Deletes the pod with gracePeriodSeconds 0 and its uid as precondition. */
    Result delete(Pod pod);
}
