package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.helpers.resource.PodRequests;
import io.kubeboot.scheduler.framework.ClusterEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster events an update of a pod amounts to, as upstream's {@code PodSchedulingPropertiesChange}:
 * label change, scale down of its requests, toleration change, or else a generic update. The resource is
 * {@link ClusterEvent.Resource#ASSIGNED_POD} for bound pods and {@link ClusterEvent.Resource#UNSCHEDULED_POD}
 * for the others.
 */
public final class PodChangeEvents {
    private PodChangeEvents() {
    }

    public static List<ClusterEvent> of(Pod oldPod, Pod newPod) {
        ClusterEvent.Resource resource = isBound(newPod) ? ClusterEvent.Resource.ASSIGNED_POD : ClusterEvent.Resource.UNSCHEDULED_POD;
        List<ClusterEvent> events = new ArrayList<>(2);
        if (oldPod != null) {
            if (!Objects.equals(labels(oldPod), labels(newPod))) {
                events.add(ClusterEvent.of(resource, ClusterEvent.UPDATE_POD_LABEL));
            }
            if (isScaleDown(oldPod, newPod)) {
                events.add(ClusterEvent.of(resource, ClusterEvent.UPDATE_POD_SCALE_DOWN));
            }
            if (!Objects.equals(tolerations(oldPod), tolerations(newPod))) {
                events.add(ClusterEvent.of(resource, ClusterEvent.UPDATE_POD_TOLERATIONS));
            }
        }
        if (events.isEmpty()) {
            // only plugins registered for generic pod updates care about the remaining changes
            events.add(ClusterEvent.of(resource, ClusterEvent.UPDATE_OTHER));
        }
        return events;
    }

    private static boolean isBound(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static Map<String, String> labels(Pod pod) {
        Map<String, String> l = pod.getMetadata().getLabels();
        return l == null || l.isEmpty() ? Map.of() : l;
    }

    private static Object tolerations(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getTolerations() == null || pod.getSpec().getTolerations().isEmpty()
                ? List.of() : pod.getSpec().getTolerations();
    }

    /** Whether some resource request went down (in-place resize of a pod frees room on its node). */
    private static boolean isScaleDown(Pod oldPod, Pod newPod) {
        if (oldPod.getSpec() == null || newPod.getSpec() == null) {
            return false;
        }
        Map<String, Long> oldReq = PodRequests.of(oldPod, false);
        Map<String, Long> newReq = PodRequests.of(newPod, false);
        for (Map.Entry<String, Long> e : oldReq.entrySet()) {
            long now = newReq.getOrDefault(e.getKey(), 0L);
            if (now < e.getValue()) {
                return true;
            }
        }
        return false;
    }
}
