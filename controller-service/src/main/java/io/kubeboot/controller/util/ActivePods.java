package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream {@code controller.ActivePods} (the rank-free order the Job controller deletes in), pods to delete first
 * sorting first: unassigned &lt; assigned; Pending &lt; Unknown &lt; Running; not ready &lt; ready; both ready: ready
 * more recently &lt; ready longer; more container restarts &lt; fewer; created more recently (or never) &lt; earlier.
 */
public final class ActivePods {
    private static final Map<String, Integer> PHASE_ORDINAL = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    /** The order as a comparator. */
    public static final Comparator<Pod> ORDER = (a, b) -> less(a, b) ? -1 : less(b, a) ? 1 : 0;

    private ActivePods() {
    }

    public static boolean less(Pod pi, Pod pj) {
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
        if (ri) {
            Optional<Instant> ti = PodConditions.readySince(pi);
            Optional<Instant> tj = PodConditions.readySince(pj);
            if (!ti.equals(tj)) {
                return afterOrZero(ti, tj);
            }
        }
        int ci = maxRestarts(pi);
        int cj = maxRestarts(pj);
        if (ci != cj) {
            return ci > cj;
        }
        Optional<Instant> ti = Times.parse(pi.getMetadata().getCreationTimestamp());
        Optional<Instant> tj = Times.parse(pj.getMetadata().getCreationTimestamp());
        if (!ti.equals(tj)) {
            return afterOrZero(ti, tj);
        }
        return false;
    }

    private static boolean afterOrZero(Optional<Instant> t1, Optional<Instant> t2) {
        if (t1.isEmpty() || t2.isEmpty()) {
            return t1.isEmpty();
        }
        return t1.get().isAfter(t2.get());
    }

    private static int maxRestarts(Pod pod) {
        int max = 0;
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                max = Math.max(max, s.getRestartCount() == null ? 0 : s.getRestartCount());
            }
        }
        return max;
    }
}
