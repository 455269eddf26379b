package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.selector.LabelSelector;

import java.util.List;

/**
 * Upstream {@code PodControllerRefManager.ClaimPods}: the {@link ControllerRefManager} rules for the pods of a
 * ReplicaSet, DaemonSet or Job, patching through {@link PodControl}. One instance per sync; not thread safe.
 */
public final class PodControllerRefManager {
    /** A fresh, uncached check that the controller may still adopt (upstream {@code RecheckDeletionTimestamp}). */
    @FunctionalInterface
    public interface CanAdopt extends ControllerRefManager.CanAdopt {
    }

    private final ControllerRefManager<Pod> delegate;

    public PodControllerRefManager(PodControl podControl, HasMetadata controller, LabelSelector selector,
                                   String apiVersion, String kind, CanAdopt canAdopt) {
        this.delegate = new ControllerRefManager<>("Pod", podControl::patchPod, controller, selector, apiVersion, kind, canAdopt);
    }

    /** The reference a controller puts on the objects it controls: controller and blockOwnerDeletion true. */
    public static OwnerReference controllerRef(HasMetadata owner, String apiVersion, String kind) {
        return ControllerRefManager.controllerRef(owner, apiVersion, kind);
    }

    /** The controller reference of {@code obj} ({@code controller: true}), or null. */
    public static OwnerReference controllerOf(HasMetadata obj) {
        return ControllerRefManager.controllerOf(obj);
    }

    /** The pods this controller owns after adoption and release; errors of single pods are thrown at the end. */
    public List<Pod> claimPods(List<Pod> pods) throws ControllerRefManager.ClaimException {
        return delegate.claim(pods);
    }
}
