package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Upstream deployment_util's replica arithmetic over a Deployment's ReplicaSets: the sums, which ReplicaSets are
 * active, how far the new ReplicaSet may grow ({@code NewRSNewReplicas}), whether it is saturated, and each
 * ReplicaSet's share of a proportional scale ({@code GetProportion}). Lists may contain null (no new ReplicaSet yet),
 * which counts as nothing. Pure.
 */
final class ReplicaSetMath {
    private ReplicaSetMath() {
    }

    /** Sum of spec.replicas. */
    static int replicaCount(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(DeploymentSpecs::replicas).sum();
    }

    /** Sum of status.replicas. */
    static int actualReplicaCount(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(DeploymentSpecs::statusReplicas).sum();
    }

    static int readyReplicaCount(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(DeploymentSpecs::readyReplicas).sum();
    }

    static int availableReplicaCount(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(DeploymentSpecs::availableReplicas).sum();
    }

    /** Upstream {@code FilterActiveReplicaSets}: non-null with spec.replicas > 0, in order. */
    static List<ReplicaSet> active(List<ReplicaSet> rss) {
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : rss) {
            if (rs != null && DeploymentSpecs.replicas(rs) > 0) {
                out.add(rs);
            }
        }
        return out;
    }

    /**
     * Upstream {@code NewRSNewReplicas}: for RollingUpdate, grow the new ReplicaSet up to spec.replicas without the
     * total exceeding spec.replicas + maxSurge; for Recreate, spec.replicas at once.
     */
    static int newRSNewReplicas(Deployment d, List<ReplicaSet> allRSs, ReplicaSet newRS) {
        int replicas = DeploymentSpecs.replicas(d);
        int newReplicas = DeploymentSpecs.replicas(newRS);
        switch (DeploymentSpecs.strategyType(d)) {
            case DeploymentSpecs.ROLLING_UPDATE -> {
                var ru = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
                int maxSurge = IntOrPercent.scaledValue(ru == null ? Fenceposts.DEFAULT_BOUND : ru.getMaxSurge(), replicas, true);
                int current = replicaCount(allRSs);
                int maxTotal = replicas + maxSurge;
                if (current >= maxTotal) {
                    return newReplicas;
                }
                int scaleUp = Math.min(maxTotal - current, replicas - newReplicas);
                return newReplicas + scaleUp;
            }
            case DeploymentSpecs.RECREATE -> {
                return replicas;
            }
            default -> throw new IllegalArgumentException("deployment type " + DeploymentSpecs.strategyType(d) + " isn't supported");
        }
    }

    /**
     * Upstream {@code IsSaturated}: the new ReplicaSet has spec.replicas, was last scaled for spec.replicas and all of
     * them are available.
     */
    static boolean isSaturated(Deployment d, ReplicaSet rs) {
        if (rs == null) {
            return false;
        }
        OptionalInt desired = DeploymentAnnotations.desiredReplicas(rs);
        int replicas = DeploymentSpecs.replicas(d);
        return desired.isPresent() && DeploymentSpecs.replicas(rs) == replicas && desired.getAsInt() == replicas
                && DeploymentSpecs.availableReplicas(rs) == replicas;
    }

    /**
     * Upstream {@code FindActiveOrLatest}: the only active ReplicaSet, or the newest one when none is active; null
     * when several are active (they need proportional scaling). Sorts {@code oldRSs} newest first, as upstream.
     */
    static ReplicaSet findActiveOrLatest(ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        if (newRS == null && oldRSs.isEmpty()) {
            return null;
        }
        oldRSs.sort(ReplicaSetOrder.BY_CREATION_TIMESTAMP.reversed());
        List<ReplicaSet> all = new ArrayList<>(oldRSs);
        all.add(newRS);
        List<ReplicaSet> active = active(all);
        return switch (active.size()) {
            case 0 -> newRS != null ? newRS : oldRSs.get(0);
            case 1 -> active.get(0);
            default -> null;
        };
    }

    /**
     * Upstream {@code GetProportion}: how many of the {@code toAdd} replicas (negative when scaling down) this
     * ReplicaSet gets, given {@code added} already handed out; never more than what is left.
     */
    static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
        if (rs == null || DeploymentSpecs.replicas(rs) == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /**
     * Upstream {@code getReplicaSetFraction}: the ReplicaSet's new size at the deployment's new max size
     * (replicas + maxSurge) in proportion to the max size it was last scaled for (its max-replicas annotation, else the
     * deployment's status.replicas), minus its current size, rounded half away from zero.
     */
    static int fraction(ReplicaSet rs, Deployment d) {
        int replicas = DeploymentSpecs.replicas(d);
        if (replicas == 0) {
            return -DeploymentSpecs.replicas(rs);
        }
        int deploymentMaxReplicas = replicas + Fenceposts.maxSurge(d);
        OptionalInt annotated = DeploymentAnnotations.maxReplicas(rs);
        int before = annotated.isPresent() && annotated.getAsInt() != 0 ? annotated.getAsInt()
                : d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
        if (before == 0) {
            // nothing to scale in proportion to; keep the size (upstream would divide by zero)
            return 0;
        }
        double newSize = (double) DeploymentSpecs.replicas(rs) * deploymentMaxReplicas / before;
        return roundToInt32(newSize) - DeploymentSpecs.replicas(rs);
    }

    /** k8s.io/utils/integer.RoundToInt32. */
    static int roundToInt32(double a) {
        return a < 0 ? (int) (a - 0.5) : (int) (a + 0.5);
    }
}
