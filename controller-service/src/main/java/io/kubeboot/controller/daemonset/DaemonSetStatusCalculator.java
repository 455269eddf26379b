package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.kubeboot.controller.util.PodConditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Upstream {@code updateDaemonSetStatus}'s counting and {@code storeDaemonSetStatus}'s comparison. Pure. */
public final class DaemonSetStatusCalculator {
    private DaemonSetStatusCalculator() {
    }

    /** The counters of a DaemonSet's status. */
    public record Counts(int desiredNumberScheduled, int currentNumberScheduled, int numberMisscheduled, int numberReady,
                         int updatedNumberScheduled, int numberAvailable, int numberUnavailable) {
    }

    /**
     * Per node that should run the pod: desired; with a pod there current, and by its oldest pod ready, available
     * (ready for minReadySeconds at {@code now}) and updated (current hash or generation). A node that should not
     * run it but has one counts as misscheduled. Unavailable = desired - available.
     */
    public static Counts calculate(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToDaemonPods, String hash, Instant now) {
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int updated = 0;
        int available = 0;
        int minReadySeconds = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        Long generation = DaemonPods.templateGeneration(ds);
        for (Node node : nodes) {
            boolean shouldRun = DaemonPods.nodeShouldRunDaemonPod(node, ds).shouldRun();
            List<Pod> pods = nodeToDaemonPods.getOrDefault(node.getMetadata().getName(), List.of());
            boolean scheduled = !pods.isEmpty();
            if (shouldRun) {
                desired++;
                if (!scheduled) {
                    continue;
                }
                current++;
                List<Pod> sorted = new ArrayList<>(pods);
                sorted.sort(DaemonPods.BY_CREATION_AND_PHASE);
                Pod pod = sorted.get(0);
                if (PodConditions.isPodReady(pod)) {
                    ready++;
                    if (PodConditions.isPodAvailable(pod, minReadySeconds, now)) {
                        available++;
                    }
                }
                if (DaemonPods.isPodUpdated(pod, hash, generation)) {
                    updated++;
                }
            } else if (scheduled) {
                misscheduled++;
            }
        }
        return new Counts(desired, current, misscheduled, ready, updated, available, desired - available);
    }

    /** Whether the stored status already says this (and observedGeneration is current). */
    public static boolean unchanged(DaemonSet ds, Counts c) {
        DaemonSetStatus s = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        long gen = ds.getMetadata().getGeneration() == null ? 0 : ds.getMetadata().getGeneration();
        return nz(s.getDesiredNumberScheduled()) == c.desiredNumberScheduled()
                && nz(s.getCurrentNumberScheduled()) == c.currentNumberScheduled()
                && nz(s.getNumberMisscheduled()) == c.numberMisscheduled()
                && nz(s.getNumberReady()) == c.numberReady()
                && nz(s.getUpdatedNumberScheduled()) == c.updatedNumberScheduled()
                && nz(s.getNumberAvailable()) == c.numberAvailable()
                && nz(s.getNumberUnavailable()) == c.numberUnavailable()
                && (s.getObservedGeneration() == null ? 0 : s.getObservedGeneration()) >= gen;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
