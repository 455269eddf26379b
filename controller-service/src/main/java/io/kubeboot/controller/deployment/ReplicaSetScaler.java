package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.events.EventRecorder;

/**
 * Upstream {@code scaleReplicaSet} and {@code scaleReplicaSetAndRecordEvent}: writes a ReplicaSet's new size together
 * with the desired/max replicas annotations of the Deployment's current size, and records
 * {@code ScalingReplicaSet "Scaled up|down replica set <rs> from <old> to <new>"} on the Deployment when the size
 * changed. Thread safe.
 */
final class ReplicaSetScaler {
    static final String SCALING_REPLICA_SET = "ScalingReplicaSet";

    private final KubernetesClient client;
    private final EventRecorder recorder;

    ReplicaSetScaler(KubernetesClient client, EventRecorder recorder) {
        this.client = client;
        this.recorder = recorder;
    }

    /** The outcome: whether the size changed, and the ReplicaSet as written (or as given when nothing was written). */
    record Scaled(boolean scaled, ReplicaSet rs) {
    }

    /** Nothing to do when the ReplicaSet already has {@code newScale} replicas (annotations are not refreshed then). */
    Scaled scaleAndRecordEvent(ReplicaSet rs, int newScale, Deployment d) {
        if (DeploymentSpecs.replicas(rs) == newScale) {
            return new Scaled(false, rs);
        }
        return scale(rs, newScale, d);
    }

    Scaled scale(ReplicaSet rs, int newScale, Deployment d) {
        int oldScale = DeploymentSpecs.replicas(rs);
        int desired = DeploymentSpecs.replicas(d);
        int max = desired + Fenceposts.maxSurge(d);
        boolean sizeNeedsUpdate = oldScale != newScale;
        boolean annotationsNeedUpdate = DeploymentAnnotations.replicasAnnotationsNeedUpdate(rs, desired, max);
        if (!sizeNeedsUpdate && !annotationsNeedUpdate) {
            return new Scaled(false, rs);
        }
        ReplicaSet copy = Copies.of(rs);
        copy.getSpec().setReplicas(newScale);
        DeploymentAnnotations.setReplicasAnnotations(copy, desired, max);
        ReplicaSet updated = client.apps().replicaSets().inNamespace(copy.getMetadata().getNamespace()).resource(copy).update();
        if (sizeNeedsUpdate) {
            recorder.eventf(d, EventRecorder.NORMAL, SCALING_REPLICA_SET, "Scaled %s replica set %s from %d to %d",
                    oldScale < newScale ? "up" : "down", updated.getMetadata().getName(), oldScale, newScale);
        }
        return new Scaled(sizeNeedsUpdate, updated);
    }
}
