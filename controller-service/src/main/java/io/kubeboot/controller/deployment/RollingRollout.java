package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeboot.runtime.controller.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Upstream rolling.go: one step of a RollingUpdate per sync. Scale the new ReplicaSet up as far as maxSurge allows;
 * if it did not grow, scale old ReplicaSets down as far as maxUnavailable allows (unhealthy replicas first); once
 * the rollout is complete, clean up old history; then write the rollout status. Thread safe (stateless).
 */
final class RollingRollout {
    private static final Logger log = LoggerFactory.getLogger(RollingRollout.class);

    private final DeploymentSync sync;

    RollingRollout(DeploymentSync sync) {
        this.sync = sync;
    }

    Result rollout(Deployment d, List<ReplicaSet> rsList) {
        DeploymentSync.ReplicaSets rss = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
        ReplicaSet newRS = rss.newRS();
        List<ReplicaSet> oldRSs = rss.oldRSs();
        List<ReplicaSet> allRSs = rss.all();
        if (reconcileNewReplicaSet(allRSs, newRS, d)) {
            return sync.syncRolloutStatus(allRSs, newRS, d);
        }
        if (reconcileOldReplicaSets(allRSs, ReplicaSetMath.active(oldRSs), newRS, d)) {
            return sync.syncRolloutStatus(allRSs, newRS, d);
        }
        if (DeploymentConditions.deploymentComplete(d, d.getStatus() == null
                ? new io.fabric8.kubernetes.api.model.apps.DeploymentStatus() : d.getStatus())) {
            sync.cleanupDeployment(new ArrayList<>(oldRSs), d);
        }
        return sync.syncRolloutStatus(allRSs, newRS, d);
    }

    /** Upstream {@code reconcileNewReplicaSet}: whether the new ReplicaSet was scaled. */
    boolean reconcileNewReplicaSet(List<ReplicaSet> allRSs, ReplicaSet newRS, Deployment d) {
        int replicas = DeploymentSpecs.replicas(d);
        int current = DeploymentSpecs.replicas(newRS);
        if (current == replicas) {
            return false;
        }
        if (current > replicas) {
            return sync.scaler().scaleAndRecordEvent(newRS, replicas, d).scaled();
        }
        int newReplicas = ReplicaSetMath.newRSNewReplicas(d, allRSs, newRS);
        return sync.scaler().scaleAndRecordEvent(newRS, newReplicas, d).scaled();
    }

    /**
     * Upstream {@code reconcileOldReplicaSets}: at most allPods - minAvailable - unavailable new pods can go; first
     * from old ReplicaSets' unavailable replicas, then available ones while more than minAvailable are available.
     * Whether anything was scaled down. Scaling errors end the step quietly, as upstream.
     */
    boolean reconcileOldReplicaSets(List<ReplicaSet> allRSs, List<ReplicaSet> oldRSs, ReplicaSet newRS, Deployment d) {
        int oldPods = ReplicaSetMath.replicaCount(oldRSs);
        if (oldPods == 0) {
            return false;
        }
        int allPods = ReplicaSetMath.replicaCount(allRSs);
        int minAvailable = DeploymentSpecs.replicas(d) - Fenceposts.maxUnavailable(d);
        int newRSUnavailable = DeploymentSpecs.replicas(newRS) - DeploymentSpecs.availableReplicas(newRS);
        int maxScaledDown = allPods - minAvailable - newRSUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        List<ReplicaSet> olds = new ArrayList<>(oldRSs);
        int cleanedUp;
        try {
            cleanedUp = cleanupUnhealthyReplicas(olds, d, maxScaledDown);
        } catch (RuntimeException e) {
            log.debug("cleanup of unhealthy replicas of {} failed: {}", d.getMetadata().getName(), e.getMessage());
            return false;
        }
        List<ReplicaSet> all = new ArrayList<>(olds);
        all.add(newRS);
        int scaledDown;
        try {
            scaledDown = scaleDownOldReplicaSetsForRollingUpdate(all, olds, d);
        } catch (RuntimeException e) {
            log.debug("scale down of old replica sets of {} failed: {}", d.getMetadata().getName(), e.getMessage());
            return false;
        }
        return cleanedUp + scaledDown > 0;
    }

    /**
     * Upstream {@code cleanupUnhealthyReplicas}: oldest first, remove up to {@code maxCleanupCount} replicas that are
     * not available; {@code oldRSs} is sorted and its entries replaced by the written ReplicaSets. The number removed.
     */
    int cleanupUnhealthyReplicas(List<ReplicaSet> oldRSs, Deployment d, int maxCleanupCount) {
        oldRSs.sort(ReplicaSetOrder.BY_CREATION_TIMESTAMP);
        int total = 0;
        for (int i = 0; i < oldRSs.size(); i++) {
            ReplicaSet target = oldRSs.get(i);
            if (total >= maxCleanupCount) {
                break;
            }
            int replicas = DeploymentSpecs.replicas(target);
            int available = DeploymentSpecs.availableReplicas(target);
            if (replicas == 0 || replicas == available) {
                continue;
            }
            int count = Math.min(maxCleanupCount - total, replicas - available);
            int newReplicas = replicas - count;
            if (newReplicas > replicas) {
                throw new IllegalStateException("when cleaning up unhealthy replicas, got invalid request to scale down "
                        + target.getMetadata().getNamespace() + "/" + target.getMetadata().getName() + " " + replicas + " -> " + newReplicas);
            }
            ReplicaSetScaler.Scaled s = sync.scaler().scaleAndRecordEvent(target, newReplicas, d);
            total += count;
            oldRSs.set(i, s.rs());
        }
        return total;
    }

    /**
     * Upstream {@code scaleDownOldReplicaSetsForRollingUpdate}: oldest first, scale down by as many replicas as are
     * available beyond minAvailable. The number removed.
     */
    int scaleDownOldReplicaSetsForRollingUpdate(List<ReplicaSet> allRSs, List<ReplicaSet> oldRSs, Deployment d) {
        int minAvailable = DeploymentSpecs.replicas(d) - Fenceposts.maxUnavailable(d);
        int available = ReplicaSetMath.availableReplicaCount(allRSs);
        if (available <= minAvailable) {
            return 0;
        }
        oldRSs.sort(ReplicaSetOrder.BY_CREATION_TIMESTAMP);
        int total = 0;
        int toScaleDown = available - minAvailable;
        for (ReplicaSet target : oldRSs) {
            if (total >= toScaleDown) {
                break;
            }
            int replicas = DeploymentSpecs.replicas(target);
            if (replicas == 0) {
                continue;
            }
            int count = Math.min(replicas, toScaleDown - total);
            int newReplicas = replicas - count;
            if (newReplicas > replicas) {
                throw new IllegalStateException("when scaling down old RS, got invalid request to scale down "
                        + target.getMetadata().getNamespace() + "/" + target.getMetadata().getName() + " " + replicas + " -> " + newReplicas);
            }
            sync.scaler().scaleAndRecordEvent(target, newReplicas, d);
            total += count;
        }
        return total;
    }
}
