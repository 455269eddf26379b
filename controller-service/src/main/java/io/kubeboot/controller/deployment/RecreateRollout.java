package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.runtime.controller.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream recreate.go: scale every old ReplicaSet to 0, wait until no old pod is running any more (the pod
 * deletion handler wakes the Deployment), then create or scale up the new ReplicaSet to spec.replicas at once.
 * Thread safe (stateless).
 */
final class RecreateRollout {
    private final DeploymentSync sync;

    RecreateRollout(DeploymentSync sync) {
        this.sync = sync;
    }

    /** @param podMap pods by the uid of the (claimed) ReplicaSet controlling them */
    Result rollout(Deployment d, List<ReplicaSet> rsList, Map<String, List<Pod>> podMap) {
        DeploymentSync.ReplicaSets rss = sync.getAllReplicaSetsAndSyncRevision(d, rsList, false);
        ReplicaSet newRS = rss.newRS();
        List<ReplicaSet> oldRSs = new ArrayList<>(rss.oldRSs());
        List<ReplicaSet> allRSs = rss.all();
        List<ReplicaSet> activeOld = ReplicaSetMath.active(oldRSs);
        if (scaleDownOldReplicaSets(activeOld, d)) {
            return sync.syncRolloutStatus(allRSs, newRS, d);
        }
        if (oldPodsRunning(newRS, oldRSs, podMap)) {
            return sync.syncRolloutStatus(allRSs, newRS, d);
        }
        if (newRS == null) {
            rss = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
            newRS = rss.newRS();
            oldRSs = new ArrayList<>(rss.oldRSs());
            allRSs = rss.all();
        }
        sync.scaler().scaleAndRecordEvent(newRS, DeploymentSpecs.replicas(d), d);
        if (DeploymentConditions.deploymentComplete(d, d.getStatus() == null ? new DeploymentStatus() : d.getStatus())) {
            sync.cleanupDeployment(oldRSs, d);
        }
        return sync.syncRolloutStatus(allRSs, newRS, d);
    }

    private boolean scaleDownOldReplicaSets(List<ReplicaSet> oldRSs, Deployment d) {
        boolean scaled = false;
        for (int i = 0; i < oldRSs.size(); i++) {
            ReplicaSet rs = oldRSs.get(i);
            if (DeploymentSpecs.replicas(rs) == 0) {
                continue;
            }
            ReplicaSetScaler.Scaled s = sync.scaler().scaleAndRecordEvent(rs, 0, d);
            if (s.scaled()) {
                oldRSs.set(i, s.rs());
                scaled = true;
            }
        }
        return scaled;
    }

    /**
     * Upstream {@code oldPodsRunning}: old ReplicaSets still report pods, or a pod of an old ReplicaSet is not yet
     * Succeeded or Failed (Unknown counts as running).
     */
    static boolean oldPodsRunning(ReplicaSet newRS, List<ReplicaSet> oldRSs, Map<String, List<Pod>> podMap) {
        if (ReplicaSetMath.actualReplicaCount(oldRSs) > 0) {
            return true;
        }
        for (Map.Entry<String, List<Pod>> e : podMap.entrySet()) {
            if (newRS != null && Objects.equals(newRS.getMetadata().getUid(), e.getKey())) {
                continue;
            }
            for (Pod pod : e.getValue()) {
                String phase = PodConditions.phase(pod);
                if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }
}
