package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubeboot.controller.util.PodConditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream {@code rollingUpdate}. Without surge it deletes just enough old pods to stay within maxUnavailable, the
 * manage loop then creates new ones: old pods that are not available are always replaced; nodes with too many pods,
 * no pod, or an old and a new pod, and new pods that are not available count as unavailable. With surge (maxSurge
 * > 0) it creates a new pod next to an old one on up to maxSurge nodes (at once where the old pod is unavailable) and
 * deletes the old pod once the new one is available; old pods on nodes that should no longer run one go only while
 * more pods are available than desired. Pure.
 */
public final class RollingUpdate {
    private RollingUpdate() {
    }

    /** What one rolling update step does: pods to delete and nodes that get a new pod. */
    public record Plan(List<String> podsToDelete, List<String> nodesToCreate) {
    }

    /** Upstream {@code updatedDesiredNodeCounts}' result. */
    record Counts(int maxSurge, int maxUnavailable, int desired) {
    }

    /** Upstream {@code util.SurgeCount}: 0 unless a RollingUpdate with maxSurge set. */
    static int surgeCount(DaemonSet ds, int numberToSchedule) {
        var us = ds.getSpec().getUpdateStrategy();
        if (us == null || !"RollingUpdate".equals(us.getType()) || us.getRollingUpdate() == null
                || us.getRollingUpdate().getMaxSurge() == null) {
            return 0;
        }
        return DaemonPods.scaledValue(us.getRollingUpdate().getMaxSurge(), numberToSchedule, true);
    }

    /** Upstream {@code util.UnavailableCount}: 0 unless a RollingUpdate. */
    static int unavailableCount(DaemonSet ds, int numberToSchedule) {
        var us = ds.getSpec().getUpdateStrategy();
        if (us == null || !"RollingUpdate".equals(us.getType()) || us.getRollingUpdate() == null) {
            return 0;
        }
        return DaemonPods.scaledValue(us.getRollingUpdate().getMaxUnavailable(), numberToSchedule, true);
    }

    /** Upstream {@code util.AllowsSurge}: a non-zero maxSurge (scaled against one node). */
    public static boolean allowsSurge(DaemonSet ds) {
        try {
            return surgeCount(ds, 1) != 0;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /**
     * Upstream {@code updatedDesiredNodeCounts}: maxSurge, maxUnavailable (1 when both are 0) and the desired count;
     * {@code nodeToDaemonPods} gains an empty entry for every node that should run a pod and has none.
     */
    static Counts counts(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToDaemonPods) {
        int desired = 0;
        for (Node node : nodes) {
            if (!DaemonPods.nodeShouldRunDaemonPod(node, ds).shouldRun()) {
                continue;
            }
            desired++;
            nodeToDaemonPods.putIfAbsent(node.getMetadata().getName(), List.of());
        }
        int maxUnavailable = unavailableCount(ds, desired);
        int maxSurge = surgeCount(ds, desired);
        if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) {
            maxUnavailable = 1;
        }
        return new Counts(maxSurge, maxUnavailable, desired);
    }

    /** Upstream {@code findUpdatedPodsOnNode}: the node's new and old pod, ok=false with several of either. */
    record OnNode(Pod newPod, Pod oldPod, boolean ok) {
    }

    static OnNode findUpdatedPodsOnNode(List<Pod> pods, String hash, Long generation) {
        Pod newPod = null;
        Pod oldPod = null;
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (DaemonPods.isPodUpdated(pod, hash, generation)) {
                if (newPod != null) {
                    return new OnNode(null, null, false);
                }
                newPod = pod;
            } else {
                if (oldPod != null) {
                    return new OnNode(null, null, false);
                }
                oldPod = pod;
            }
        }
        return new OnNode(newPod, oldPod, true);
    }

    /** The names of the old pods to delete now (the plan's deletions; without surge it creates nothing). */
    public static List<String> oldPodsToDelete(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToDaemonPods,
                                               String hash, Instant now) {
        return plan(ds, nodes, nodeToDaemonPods, hash, now).podsToDelete();
    }

    /** One rolling update step over the claimed pods by node (the map is not changed). */
    public static Plan plan(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToDaemonPods, String hash, Instant now) {
        Map<String, List<Pod>> byNode = new LinkedHashMap<>(nodeToDaemonPods);
        Counts counts = counts(ds, nodes, byNode);
        int minReadySeconds = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        Long generation = DaemonPods.templateGeneration(ds);
        if (counts.maxSurge() == 0) {
            return new Plan(withoutSurge(byNode, counts.maxUnavailable(), hash, generation, minReadySeconds, now), List.of());
        }
        Map<String, Node> nodesByName = new HashMap<>();
        nodes.forEach(n -> nodesByName.put(n.getMetadata().getName(), n));
        return withSurge(ds, byNode, nodesByName, counts, hash, generation, minReadySeconds, now);
    }

    private static List<String> withoutSurge(Map<String, List<Pod>> byNode, int maxUnavailable, String hash, Long generation,
                                             int minReadySeconds, Instant now) {
        int numUnavailable = 0;
        List<String> allowedReplacements = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
            OnNode on = findUpdatedPodsOnNode(e.getValue(), hash, generation);
            if (!on.ok()) {
                // the manage loop removes the excess first
                numUnavailable++;
                continue;
            }
            if ((on.oldPod() == null) == (on.newPod() == null)) {
                numUnavailable++;
            } else if (on.newPod() != null) {
                if (!PodConditions.isPodAvailable(on.newPod(), minReadySeconds, now)) {
                    numUnavailable++;
                }
            } else if (!PodConditions.isPodAvailable(on.oldPod(), minReadySeconds, now)) {
                allowedReplacements.add(on.oldPod().getMetadata().getName());
                numUnavailable++;
            } else if (numUnavailable < maxUnavailable) {
                candidates.add(on.oldPod().getMetadata().getName());
            }
        }
        int remaining = Math.max(0, Math.min(maxUnavailable - numUnavailable, candidates.size()));
        List<String> out = new ArrayList<>(allowedReplacements);
        out.addAll(candidates.subList(0, remaining));
        return out;
    }

    private static Plan withSurge(DaemonSet ds, Map<String, List<Pod>> byNode, Map<String, Node> nodesByName, Counts counts,
                                  String hash, Long generation, int minReadySeconds, Instant now) {
        List<String> oldPodsToDelete = new ArrayList<>();
        List<String> shouldNotRunPodsToDelete = new ArrayList<>();
        List<String> candidateNewNodes = new ArrayList<>();
        List<String> allowedNewNodes = new ArrayList<>();
        int numSurge = 0;
        int numAvailable = 0;
        for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
            String nodeName = e.getKey();
            OnNode on = findUpdatedPodsOnNode(e.getValue(), hash, generation);
            if (!on.ok()) {
                // the manage loop removes the excess first; the node counts as surging meanwhile
                numSurge++;
                continue;
            }
            Pod oldPod = on.oldPod();
            Pod newPod = on.newPod();
            // availability counts on every node, those being sunset by scheduling constraints too
            if (oldPod != null) {
                if (PodConditions.isPodAvailable(oldPod, minReadySeconds, now)) {
                    numAvailable++;
                }
            } else if (newPod != null && PodConditions.isPodAvailable(newPod, minReadySeconds, now)) {
                numAvailable++;
            }
            if (oldPod == null) {
                continue;
            }
            if (newPod == null) {
                boolean shouldRun = shouldRun(ds, nodesByName, nodeName);
                if (!PodConditions.isPodAvailable(oldPod, minReadySeconds, now)) {
                    if (!shouldRun) {
                        oldPodsToDelete.add(oldPod.getMetadata().getName());
                    } else {
                        allowedNewNodes.add(nodeName);
                    }
                } else if (!shouldRun) {
                    shouldNotRunPodsToDelete.add(oldPod.getMetadata().getName());
                } else if (numSurge < counts.maxSurge()) {
                    candidateNewNodes.add(nodeName);
                }
            } else if (!PodConditions.isPodAvailable(newPod, minReadySeconds, now)) {
                numSurge++;
            } else {
                oldPodsToDelete.add(oldPod.getMetadata().getName());
            }
        }
        // with surge 100% availability is expected: a pod on a node that should no longer run one goes only while
        // more pods are available than desired
        int deletable = Math.min(numAvailable - counts.desired(), shouldNotRunPodsToDelete.size());
        if (deletable > 0) {
            oldPodsToDelete.addAll(shouldNotRunPodsToDelete.subList(0, deletable));
        }
        int remainingSurge = Math.max(0, Math.min(counts.maxSurge() - numSurge, candidateNewNodes.size()));
        List<String> create = new ArrayList<>(allowedNewNodes);
        create.addAll(candidateNewNodes.subList(0, remainingSurge));
        return new Plan(oldPodsToDelete, create);
    }

    private static boolean shouldRun(DaemonSet ds, Map<String, Node> nodesByName, String nodeName) {
        Node node = nodesByName.get(nodeName);
        if (node == null) {
            throw new IllegalStateException("couldn't get node for nodeName \"" + nodeName + "\": node \"" + nodeName + "\" not found");
        }
        return DaemonPods.nodeShouldRunDaemonPod(node, ds).shouldRun();
    }

    /**
     * Upstream {@code podsShouldBeOnNode}'s surge rule for a node with several running pods: keep the oldest pod
     * with the current hash and the oldest without it, delete the rest; of those two the old one goes once it is not
     * ready or the new one is available. Returns the names to delete.
     */
    public static List<String> surgeExcessPods(List<Pod> running, String hash, int minReadySeconds, Instant now) {
        List<Pod> sorted = new ArrayList<>(running);
        sorted.sort(DaemonPods.BY_CREATION_AND_PHASE);
        Pod oldestNew = null;
        Pod oldestOld = null;
        List<String> out = new ArrayList<>();
        for (Pod pod : sorted) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            boolean isNew = hash != null && hash.equals(labels == null ? null : labels.get(DaemonPods.REVISION_HASH_LABEL));
            if (isNew && oldestNew == null) {
                oldestNew = pod;
            } else if (!isNew && oldestOld == null) {
                oldestOld = pod;
            } else {
                out.add(pod.getMetadata().getName());
            }
        }
        if (oldestNew != null && oldestOld != null
                && (!PodConditions.isPodReady(oldestOld) || PodConditions.isPodAvailable(oldestNew, minReadySeconds, now))) {
            out.add(oldestOld.getMetadata().getName());
        }
        return out;
    }
}
