package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubeboot.controller.util.PodConditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream {@code rollingUpdate} without surge: deletes just enough old pods to stay within maxUnavailable, the
 * manage loop then creates new ones. Old pods that are not available are always replaced; nodes with too many pods,
 * no pod, or an old and a new pod, and new pods that are not available count as unavailable. Pure.
 */
public final class RollingUpdate {
    private RollingUpdate() {
    }

    /** Upstream {@code updatedDesiredNodeCounts}: [maxUnavailable, desired]; unavailability 1 when neither is set. */
    static int[] maxUnavailable(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToDaemonPods) {
        int desired = 0;
        for (Node node : nodes) {
            if (!DaemonPods.nodeShouldRunDaemonPod(node, ds).shouldRun()) {
                continue;
            }
            desired++;
            nodeToDaemonPods.putIfAbsent(node.getMetadata().getName(), List.of());
        }
        var ru = ds.getSpec().getUpdateStrategy() == null ? null : ds.getSpec().getUpdateStrategy().getRollingUpdate();
        int maxUnavailable = ru == null ? 0 : DaemonPods.scaledValue(ru.getMaxUnavailable(), desired, true);
        int maxSurge = ru == null ? 0 : DaemonPods.scaledValue(ru.getMaxSurge(), desired, true);
        if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) {
            maxUnavailable = 1;
        }
        return new int[] {maxUnavailable, desired};
    }

    /** The names of the old pods to delete now. {@code nodeToDaemonPods} gains empty entries for nodes without pods. */
    public static List<String> oldPodsToDelete(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToDaemonPods,
                                               String hash, Instant now) {
        Map<String, List<Pod>> byNode = new LinkedHashMap<>(nodeToDaemonPods);
        int maxUnavailable = maxUnavailable(ds, nodes, byNode)[0];
        int minReadySeconds = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        Long generation = DaemonPods.templateGeneration(ds);
        int numUnavailable = 0;
        List<String> allowedReplacements = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
            Pod newPod = null;
            Pod oldPod = null;
            boolean ok = true;
            for (Pod pod : e.getValue()) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                if (DaemonPods.isPodUpdated(pod, hash, generation)) {
                    if (newPod != null) {
                        ok = false;
                        break;
                    }
                    newPod = pod;
                } else {
                    if (oldPod != null) {
                        ok = false;
                        break;
                    }
                    oldPod = pod;
                }
            }
            if (!ok) {
                // the manage loop removes the excess first
                numUnavailable++;
                continue;
            }
            if ((oldPod == null) == (newPod == null)) {
                numUnavailable++;
            } else if (newPod != null) {
                if (!PodConditions.isPodAvailable(newPod, minReadySeconds, now)) {
                    numUnavailable++;
                }
            } else if (!PodConditions.isPodAvailable(oldPod, minReadySeconds, now)) {
                allowedReplacements.add(oldPod.getMetadata().getName());
                numUnavailable++;
            } else if (numUnavailable < maxUnavailable) {
                candidates.add(oldPod.getMetadata().getName());
            }
        }
        int remaining = Math.max(0, Math.min(maxUnavailable - numUnavailable, candidates.size()));
        List<String> out = new ArrayList<>(allowedReplacements);
        out.addAll(candidates.subList(0, remaining));
        return out;
    }
}
