package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Instant;
import java.util.Optional;

/** Upstream {@code podutil} and {@code controller.IsPodActive}: readiness, activity and availability of a pod. */
public final class PodConditions {
    private PodConditions() {
    }

    /** The pod's {@code Ready} condition, if it has one. */
    public static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    /** Upstream {@code IsPodReady}: the Ready condition is True. */
    public static boolean isPodReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** When the pod became ready (the Ready condition's lastTransitionTime), or empty when not ready or unknown. */
    public static Optional<Instant> readySince(Pod pod) {
        if (!isPodReady(pod)) {
            return Optional.empty();
        }
        return readyCondition(pod).map(PodCondition::getLastTransitionTime).flatMap(Times::parse);
    }

    /** Upstream {@code IsPodActive}: not Succeeded, not Failed and not being deleted. */
    public static boolean isPodActive(Pod pod) {
        String phase = phase(pod);
        return !"Succeeded".equals(phase) && !"Failed".equals(phase)
                && (pod.getMetadata() == null || pod.getMetadata().getDeletionTimestamp() == null);
    }

    /**
     * Upstream {@code IsPodAvailable}: ready, and (when {@code minReadySeconds} > 0) ready for at least that long
     * at {@code now}.
     */
    public static boolean isPodAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isPodReady(pod)) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        return readySince(pod).map(t -> t.plusSeconds(minReadySeconds).isBefore(now)).orElse(false);
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
    }

    public static String nodeName(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
    }
}
