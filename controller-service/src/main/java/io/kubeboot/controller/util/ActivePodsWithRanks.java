package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream {@code controller.ActivePodsWithRanks}: the order in which a controller deletes surplus pods, the
 * pods to delete first sorting first. With PodDeletionCost and LogarithmicScaleDown on (their 1.32 defaults):
 * <ol>
 *   <li>unassigned &lt; assigned;</li>
 *   <li>Pending &lt; Unknown &lt; Running;</li>
 *   <li>not ready &lt; ready;</li>
 *   <li>lower {@value #POD_DELETION_COST} &lt; higher;</li>
 *   <li>higher rank (more related pods on the same node) &lt; lower rank;</li>
 *   <li>both ready: ready more recently &lt; ready longer (by log2 buckets of the time since; same bucket: by uid);</li>
 *   <li>more container restarts &lt; fewer (regular containers, then restartable init containers);</li>
 *   <li>created more recently &lt; created earlier (log2 buckets, same bucket: by uid); no timestamp first.</li>
 * </ol>
 */
public final class ActivePodsWithRanks {
    public static final String POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private static final Map<String, Integer> PHASE_ORDINAL = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    private ActivePodsWithRanks() {
    }

    /** A pod and its rank (the number of related active pods on its node). */
    public record Ranked(Pod pod, int rank) {
    }

    /** Upstream's {@code Less}: whether {@code a} is deleted before {@code b}, times relative to {@code now}. */
    public static boolean less(Ranked a, Ranked b, Instant now) {
        Pod pi = a.pod();
        Pod pj = b.pod();
        String ni = PodConditions.nodeName(pi);
        String nj = PodConditions.nodeName(pj);
        if (!ni.equals(nj) && (ni.isEmpty() || nj.isEmpty())) {
            return ni.isEmpty();
        }
        int phi = PHASE_ORDINAL.getOrDefault(PodConditions.phase(pi), 0);
        int phj = PHASE_ORDINAL.getOrDefault(PodConditions.phase(pj), 0);
        if (phi != phj) {
            return phi < phj;
        }
        boolean ri = PodConditions.isPodReady(pi);
        boolean rj = PodConditions.isPodReady(pj);
        if (ri != rj) {
            return !ri;
        }
        int ci = deletionCost(pi);
        int cj = deletionCost(pj);
        if (ci != cj) {
            return ci < cj;
        }
        if (a.rank() != b.rank()) {
            return a.rank() > b.rank();
        }
        if (ri && rj) {
            Optional<Instant> ti = readyTime(pi);
            Optional<Instant> tj = readyTime(pj);
            if (!ti.equals(tj)) {
                if (ti.isEmpty() || tj.isEmpty()) {
                    return afterOrZero(ti, tj);
                }
                long diff = logarithmicRankDiff(ti.get(), tj.get(), now);
                return diff == 0 ? uid(pi).compareTo(uid(pj)) < 0 : diff < 0;
            }
        }
        Boolean restarts = compareMaxContainerRestarts(pi, pj);
        if (restarts != null) {
            return restarts;
        }
        Optional<Instant> ci2 = Times.parse(pi.getMetadata().getCreationTimestamp());
        Optional<Instant> cj2 = Times.parse(pj.getMetadata().getCreationTimestamp());
        if (!ci2.equals(cj2)) {
            if (ci2.isEmpty() || cj2.isEmpty()) {
                return afterOrZero(ci2, cj2);
            }
            long diff = logarithmicRankDiff(ci2.get(), cj2.get(), now);
            return diff == 0 ? uid(pi).compareTo(uid(pj)) < 0 : diff < 0;
        }
        return false;
    }

    /** A comparator from {@link #less}; pods to delete first come first. */
    public static Comparator<Ranked> order(Instant now) {
        return (a, b) -> less(a, b, now) ? -1 : less(b, a, now) ? 1 : 0;
    }

    /**
     * Upstream {@code getPodsToDelete}: the first {@code diff} of {@code filteredPods} in deletion order, each ranked
     * by the number of active {@code relatedPods} on its node. When all are to go, no sorting.
     */
    public static List<Pod> podsToDelete(List<Pod> filteredPods, List<Pod> relatedPods, int diff, Instant now) {
        if (diff >= filteredPods.size()) {
            return List.copyOf(filteredPods);
        }
        Map<String, Integer> podsOnNode = new HashMap<>();
        for (Pod p : relatedPods) {
            if (PodConditions.isPodActive(p)) {
                podsOnNode.merge(PodConditions.nodeName(p), 1, Integer::sum);
            }
        }
        List<Ranked> ranked = new ArrayList<>(filteredPods.size());
        for (Pod p : filteredPods) {
            ranked.add(new Ranked(p, podsOnNode.getOrDefault(PodConditions.nodeName(p), 0)));
        }
        ranked.sort(order(now));
        return ranked.subList(0, diff).stream().map(Ranked::pod).toList();
    }

    /** Upstream {@code GetDeletionCostFromPodAnnotations}: the annotation as int32; absent or invalid counts as 0. */
    static int deletionCost(Pod pod) {
        Map<String, String> annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        String v = annotations == null ? null : annotations.get(POD_DELETION_COST);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<Instant> readyTime(Pod pod) {
        return PodConditions.readySince(pod);
    }

    /** t1 after t2; a zero (absent) time counts as after any non-zero time. */
    private static boolean afterOrZero(Optional<Instant> t1, Optional<Instant> t2) {
        if (t1.isEmpty() || t2.isEmpty()) {
            return t1.isEmpty();
        }
        return t1.get().isAfter(t2.get());
    }

    /** Difference of the floor(log2(nanoseconds since)) buckets of t1 and t2; -1 for times not in the past. */
    static long logarithmicRankDiff(Instant t1, Instant t2, Instant now) {
        return logRank(Duration.between(t1, now)) - logRank(Duration.between(t2, now));
    }

    private static long logRank(Duration d) {
        long nanos = d.toNanos();
        // floor(log2(nanos)), exact for powers of two
        return nanos > 0 ? 63 - Long.numberOfLeadingZeros(nanos) : -1;
    }

    /** TRUE when pi has more restarts, FALSE when fewer, null when equal (regular, then sidecar containers). */
    private static Boolean compareMaxContainerRestarts(Pod pi, Pod pj) {
        int[] ri = maxContainerRestarts(pi);
        int[] rj = maxContainerRestarts(pj);
        if (ri[0] != rj[0]) {
            return ri[0] > rj[0];
        }
        if (ri[1] != rj[1]) {
            return ri[1] > rj[1];
        }
        return null;
    }

    /** [max restarts of regular containers, max restarts of restartable init containers (sidecars)]. */
    private static int[] maxContainerRestarts(Pod pod) {
        int regular = 0;
        int sidecar = 0;
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                regular = Math.max(regular, s.getRestartCount() == null ? 0 : s.getRestartCount());
            }
        }
        if (pod.getStatus() != null && pod.getStatus().getInitContainerStatuses() != null && pod.getSpec() != null
                && pod.getSpec().getInitContainers() != null) {
            for (ContainerStatus s : pod.getStatus().getInitContainerStatuses()) {
                boolean restartable = pod.getSpec().getInitContainers().stream()
                        .filter(c -> c.getName() != null && c.getName().equals(s.getName()))
                        .map(Container::getRestartPolicy).anyMatch("Always"::equals);
                if (restartable) {
                    sidecar = Math.max(sidecar, s.getRestartCount() == null ? 0 : s.getRestartCount());
                }
            }
        }
        return new int[] {regular, sidecar};
    }

    private static String uid(Pod pod) {
        return pod.getMetadata() == null || pod.getMetadata().getUid() == null ? "" : pod.getMetadata().getUid();
    }
}
