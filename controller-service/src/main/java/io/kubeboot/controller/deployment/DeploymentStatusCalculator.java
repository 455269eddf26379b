package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.kubeboot.controller.util.Times;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Upstream {@code calculateStatus} (sync.go) and the condition logic of {@code syncRolloutStatus} and
 * {@code requeueStuckDeployment} (progress.go). Pure: the current time is passed in.
 */
final class DeploymentStatusCalculator {
    private DeploymentStatusCalculator() {
    }

    /**
     * The counts from the ReplicaSets (replicas and updatedReplicas from their status, unavailable from spec minus
     * available, never negative), observedGeneration, collisionCount, the existing conditions, and Available set from
     * whether at least replicas - maxUnavailable pods are available.
     */
    static DeploymentStatus calculate(List<ReplicaSet> allRSs, ReplicaSet newRS, Deployment d, Instant now) {
        int available = ReplicaSetMath.availableReplicaCount(allRSs);
        int total = ReplicaSetMath.replicaCount(allRSs);
        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(DeploymentSpecs.generation(d));
        status.setReplicas(ReplicaSetMath.actualReplicaCount(allRSs));
        status.setUpdatedReplicas(ReplicaSetMath.actualReplicaCount(newRS == null ? List.of() : List.of(newRS)));
        status.setReadyReplicas(ReplicaSetMath.readyReplicaCount(allRSs));
        status.setAvailableReplicas(available);
        status.setUnavailableReplicas(Math.max(0, total - available));
        status.setCollisionCount(d.getStatus() == null ? null : d.getStatus().getCollisionCount());
        List<DeploymentCondition> conditions = d.getStatus() == null || d.getStatus().getConditions() == null
                ? new ArrayList<>() : new ArrayList<>(d.getStatus().getConditions());
        status.setConditions(conditions);
        if (available >= DeploymentSpecs.replicas(d) - Fenceposts.maxUnavailable(d)) {
            DeploymentConditions.set(status, DeploymentConditions.newCondition(DeploymentConditions.AVAILABLE, "True",
                    DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE, "Deployment has minimum availability.", now));
        } else {
            DeploymentConditions.set(status, DeploymentConditions.newCondition(DeploymentConditions.AVAILABLE, "False",
                    DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE, "Deployment does not have minimum availability.", now));
        }
        return status;
    }

    /**
     * {@link #calculate} plus the Progressing condition of a rollout: NewReplicaSetAvailable once complete,
     * ReplicaSetUpdated (lastUpdateTime refreshed) on progress, ProgressDeadlineExceeded past the deadline; removed
     * without a deadline; left alone once the rollout completed. The ReplicaFailure condition mirrors the new (else
     * any) ReplicaSet's.
     */
    static DeploymentStatus rollout(List<ReplicaSet> allRSs, ReplicaSet newRS, Deployment d, Instant now) {
        DeploymentStatus status = calculate(allRSs, newRS, d, now);
        if (!DeploymentSpecs.hasProgressDeadline(d)) {
            DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
        }
        Optional<DeploymentCondition> current = DeploymentConditions.get(d.getStatus(), DeploymentConditions.PROGRESSING);
        boolean complete = DeploymentConditions.nz(status.getReplicas()) == DeploymentConditions.nz(status.getUpdatedReplicas())
                && current.isPresent() && DeploymentConditions.NEW_RS_AVAILABLE.equals(current.get().getReason());
        String name = d.getMetadata().getName();
        String rsName = newRS == null ? null : newRS.getMetadata().getName();
        if (DeploymentSpecs.hasProgressDeadline(d) && !complete) {
            if (DeploymentConditions.deploymentComplete(d, status)) {
                String msg = rsName != null ? "ReplicaSet \"" + rsName + "\" has successfully progressed."
                        : "Deployment \"" + name + "\" has successfully progressed.";
                DeploymentConditions.set(status, DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.NEW_RS_AVAILABLE, msg, now));
            } else if (DeploymentConditions.deploymentProgressing(d, status)) {
                String msg = rsName != null ? "ReplicaSet \"" + rsName + "\" is progressing."
                        : "Deployment \"" + name + "\" is progressing.";
                DeploymentCondition c = DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.REPLICA_SET_UPDATED, msg, now);
                // unlike other conditions, Progressing is rewritten with the same reason to move lastUpdateTime
                if (current.isPresent()) {
                    if ("True".equals(current.get().getStatus())) {
                        c.setLastTransitionTime(current.get().getLastTransitionTime());
                    }
                    DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
                }
                DeploymentConditions.set(status, c);
            } else if (DeploymentConditions.deploymentTimedOut(d, status, now)) {
                String msg = rsName != null ? "ReplicaSet \"" + rsName + "\" has timed out progressing."
                        : "Deployment \"" + name + "\" has timed out progressing.";
                DeploymentConditions.set(status, DeploymentConditions.newCondition(DeploymentConditions.PROGRESSING, "False",
                        DeploymentConditions.TIMED_OUT, msg, now));
            }
        }
        List<DeploymentCondition> failures = replicaFailures(allRSs, newRS);
        if (!failures.isEmpty()) {
            DeploymentConditions.set(status, failures.get(0));
        } else {
            DeploymentConditions.remove(status, DeploymentConditions.REPLICA_FAILURE);
        }
        return status;
    }

    /** Upstream {@code getReplicaFailures}: the new ReplicaSet's ReplicaFailure conditions, else those of any. */
    static List<DeploymentCondition> replicaFailures(List<ReplicaSet> allRSs, ReplicaSet newRS) {
        List<DeploymentCondition> out = new ArrayList<>();
        if (newRS != null) {
            collectFailures(newRS, out);
        }
        if (!out.isEmpty()) {
            return out;
        }
        for (ReplicaSet rs : allRSs) {
            if (rs != null) {
                collectFailures(rs, out);
            }
        }
        return out;
    }

    private static void collectFailures(ReplicaSet rs, List<DeploymentCondition> out) {
        if (rs.getStatus() == null || rs.getStatus().getConditions() == null) {
            return;
        }
        for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
            if (DeploymentConditions.REPLICA_FAILURE.equals(c.getType())) {
                out.add(DeploymentConditions.fromReplicaSetCondition(c));
            }
        }
    }

    /**
     * Upstream {@code requeueStuckDeployment}: when a rollout with a deadline shows no progress, when to look again
     * for the timeout: empty for never, zero for "now, rate limited", else the time left plus a second.
     */
    static Optional<Duration> requeueStuck(Deployment d, DeploymentStatus newStatus, Instant now) {
        Optional<DeploymentCondition> current = DeploymentConditions.get(d.getStatus(), DeploymentConditions.PROGRESSING);
        if (!DeploymentSpecs.hasProgressDeadline(d) || current.isEmpty()) {
            return Optional.empty();
        }
        if (DeploymentConditions.deploymentComplete(d, newStatus) || DeploymentConditions.TIMED_OUT.equals(current.get().getReason())) {
            return Optional.empty();
        }
        Instant lastUpdate = Times.parse(current.get().getLastUpdateTime()).orElse(Instant.EPOCH);
        Duration after = Duration.between(now, lastUpdate.plusSeconds(d.getSpec().getProgressDeadlineSeconds()));
        if (after.compareTo(Duration.ofSeconds(1)) < 0) {
            return Optional.of(Duration.ZERO);
        }
        // a second more avoids millisecond skew in addAfter (upstream #39785)
        return Optional.of(after.plusSeconds(1));
    }

    /** reflect.DeepEqual of two statuses, reading absent counts as 0 (the API omits zero counts). */
    static boolean same(DeploymentStatus a, DeploymentStatus b) {
        DeploymentStatus x = a == null ? new DeploymentStatus() : a;
        DeploymentStatus y = b == null ? new DeploymentStatus() : b;
        return nzl(x.getObservedGeneration()) == nzl(y.getObservedGeneration())
                && DeploymentConditions.nz(x.getReplicas()) == DeploymentConditions.nz(y.getReplicas())
                && DeploymentConditions.nz(x.getUpdatedReplicas()) == DeploymentConditions.nz(y.getUpdatedReplicas())
                && DeploymentConditions.nz(x.getReadyReplicas()) == DeploymentConditions.nz(y.getReadyReplicas())
                && DeploymentConditions.nz(x.getAvailableReplicas()) == DeploymentConditions.nz(y.getAvailableReplicas())
                && DeploymentConditions.nz(x.getUnavailableReplicas()) == DeploymentConditions.nz(y.getUnavailableReplicas())
                && Objects.equals(x.getCollisionCount(), y.getCollisionCount())
                && Objects.equals(emptyToNull(x.getConditions()), emptyToNull(y.getConditions()));
    }

    private static long nzl(Long l) {
        return l == null ? 0 : l;
    }

    private static <T> List<T> emptyToNull(List<T> l) {
        return l == null || l.isEmpty() ? null : l;
    }
}
