package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream deployment_util's condition helpers and the progress predicates built on them. Conditions are set on a
 * status object the caller owns. Pure (the current time is passed in).
 */
final class DeploymentConditions {
    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String REPLICA_FAILURE = "ReplicaFailure";

    static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
    static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
    static final String NEW_REPLICA_SET = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";
    static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";

    private DeploymentConditions() {
    }

    /** Upstream {@code NewDeploymentCondition}: both times now (second precision, as metav1.Time marshals). */
    static DeploymentCondition newCondition(String type, String status, String reason, String message, Instant now) {
        String t = Times.format(now);
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withLastUpdateTime(t)
                .withLastTransitionTime(t).withReason(reason).withMessage(message).build();
    }

    static Optional<DeploymentCondition> get(DeploymentStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /**
     * Upstream {@code SetDeploymentCondition}: no change when a condition of the type with the same status and reason
     * exists; otherwise replace it (moved to the end), keeping lastTransitionTime when the status did not change.
     */
    static void set(DeploymentStatus status, DeploymentCondition condition) {
        Optional<DeploymentCondition> current = get(status, condition.getType());
        if (current.isPresent() && eq(current.get().getStatus(), condition.getStatus())
                && eq(current.get().getReason(), condition.getReason())) {
            return;
        }
        DeploymentCondition c = new DeploymentConditionBuilder(condition).build();
        if (current.isPresent() && eq(current.get().getStatus(), condition.getStatus())) {
            c.setLastTransitionTime(current.get().getLastTransitionTime());
        }
        List<DeploymentCondition> next = without(status.getConditions(), condition.getType());
        next.add(c);
        status.setConditions(next);
    }

    static void remove(DeploymentStatus status, String type) {
        List<DeploymentCondition> next = without(status.getConditions(), type);
        status.setConditions(next.isEmpty() ? null : next);
    }

    private static List<DeploymentCondition> without(List<DeploymentCondition> conditions, String type) {
        List<DeploymentCondition> out = new ArrayList<>();
        if (conditions != null) {
            for (DeploymentCondition c : conditions) {
                if (!type.equals(c.getType())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Upstream {@code ReplicaSetToDeploymentCondition}. */
    static DeploymentCondition fromReplicaSetCondition(ReplicaSetCondition c) {
        return new DeploymentConditionBuilder().withType(c.getType()).withStatus(c.getStatus())
                .withLastTransitionTime(c.getLastTransitionTime()).withLastUpdateTime(c.getLastTransitionTime())
                .withReason(c.getReason()).withMessage(c.getMessage()).build();
    }

    /** Upstream {@code DeploymentComplete}: all replicas updated and available, and the generation observed. */
    static boolean deploymentComplete(Deployment d, DeploymentStatus s) {
        int replicas = DeploymentSpecs.replicas(d);
        return nz(s.getUpdatedReplicas()) == replicas && nz(s.getReplicas()) == replicas
                && nz(s.getAvailableReplicas()) == replicas
                && (s.getObservedGeneration() == null ? 0 : s.getObservedGeneration()) >= DeploymentSpecs.generation(d);
    }

    /**
     * Upstream {@code DeploymentProgressing}: compared with the deployment's current status, more updated, fewer old,
     * more ready or more available replicas.
     */
    static boolean deploymentProgressing(Deployment d, DeploymentStatus s) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int oldOld = nz(old.getReplicas()) - nz(old.getUpdatedReplicas());
        int newOld = nz(s.getReplicas()) - nz(s.getUpdatedReplicas());
        return nz(s.getUpdatedReplicas()) > nz(old.getUpdatedReplicas()) || newOld < oldOld
                || nz(s.getReadyReplicas()) > nz(old.getReadyReplicas())
                || nz(s.getAvailableReplicas()) > nz(old.getAvailableReplicas());
    }

    /**
     * Upstream {@code DeploymentTimedOut}: the Progressing condition was last updated more than
     * progressDeadlineSeconds before {@code now}; never after a completed rollout, always once timed out.
     */
    static boolean deploymentTimedOut(Deployment d, DeploymentStatus s, Instant now) {
        if (!DeploymentSpecs.hasProgressDeadline(d)) {
            return false;
        }
        Optional<DeploymentCondition> c = get(s, PROGRESSING);
        if (c.isEmpty()) {
            return false;
        }
        if (NEW_RS_AVAILABLE.equals(c.get().getReason())) {
            return false;
        }
        if (TIMED_OUT.equals(c.get().getReason())) {
            return true;
        }
        Instant from = Times.parse(c.get().getLastUpdateTime()).orElse(Instant.EPOCH);
        return from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
    }

    private static boolean eq(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }

    static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
