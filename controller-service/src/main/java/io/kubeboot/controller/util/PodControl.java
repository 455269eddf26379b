package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * Upstream {@code controller.PodControlInterface}: the pod writes of workload controllers, each recorded as an
 * event on the controller object. Implementations are thread safe.
 */
public interface PodControl {
    /**
     * Creates a pod from {@code template} in {@code namespace}, controlled by {@code controllerRef}; records
     * {@code SuccessfulCreate} "Created pod: &lt;name&gt;" on {@code owner}, or on failure {@code FailedCreate}
     * "Error creating: &lt;error&gt;" (not when the namespace is terminating) and throws.
     */
    void createPods(String namespace, PodTemplateSpec template, HasMetadata owner, OwnerReference controllerRef) throws Exception;

    /**
     * Deletes the pod; records {@code SuccessfulDelete} "Deleted pod: &lt;name&gt;" on {@code owner}, or on failure other
     * than NotFound {@code FailedDelete} "Error deleting: &lt;error&gt;". Throws on any failure, NotFound included.
     */
    void deletePod(String namespace, String name, HasMetadata owner) throws Exception;

    /** Applies a strategic merge patch to the pod. */
    void patchPod(String namespace, String name, String strategicMergePatch) throws Exception;
}
