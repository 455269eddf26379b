package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/** Defaulted reads of Deployment and ReplicaSet fields (the apiserver defaults them; the fallbacks are its defaults). */
final class DeploymentSpecs {
    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String RECREATE = "Recreate";
    /** Upstream math.MaxInt32: "no deadline" / "no limit" for progressDeadlineSeconds and revisionHistoryLimit. */
    static final int MAX_INT32 = Integer.MAX_VALUE;

    private DeploymentSpecs() {
    }

    static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    static String strategyType(Deployment d) {
        return d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getType() == null
                ? ROLLING_UPDATE : d.getSpec().getStrategy().getType();
    }

    static boolean isRollingUpdate(Deployment d) {
        return ROLLING_UPDATE.equals(strategyType(d));
    }

    static int minReadySeconds(Deployment d) {
        return d.getSpec().getMinReadySeconds() == null ? 0 : d.getSpec().getMinReadySeconds();
    }

    static boolean paused(Deployment d) {
        return Boolean.TRUE.equals(d.getSpec().getPaused());
    }

    /** Upstream {@code HasProgressDeadline}: set and not MaxInt32. */
    static boolean hasProgressDeadline(Deployment d) {
        Integer p = d.getSpec().getProgressDeadlineSeconds();
        return p != null && p != MAX_INT32;
    }

    /** Upstream {@code HasRevisionHistoryLimit}: set and not MaxInt32. */
    static boolean hasRevisionHistoryLimit(Deployment d) {
        Integer l = d.getSpec().getRevisionHistoryLimit();
        return l != null && l != MAX_INT32;
    }

    static long generation(Deployment d) {
        return d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    }

    static int statusReplicas(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
    }

    static int availableReplicas(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
    }

    static int readyReplicas(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
    }

    static long observedGeneration(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null ? 0 : rs.getStatus().getObservedGeneration();
    }

    static long generation(ReplicaSet rs) {
        return rs.getMetadata().getGeneration() == null ? 0 : rs.getMetadata().getGeneration();
    }
}
