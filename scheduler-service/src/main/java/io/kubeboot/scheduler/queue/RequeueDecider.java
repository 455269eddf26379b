package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether a cluster event may make a rejected pod schedulable, as upstream's
 * {@code isPodWorthRequeuing} and {@code determineSchedulingHintForInFlightPod}.
 */
final class RequeueDecider {
    private final PluginEventRegistry registry;

    RequeueDecider(PluginEventRegistry registry) {
        this.registry = registry;
    }

    /**
     * A pod without rejector plugins failed unexpectedly and is always retried after backoff. A wildcard
     * event retries every pod, unless it carries a pod as new object, which limits it to that pod
     * (ForceActivate). Otherwise a pending plugin interested in the event retries the pod at once and an
     * unschedulable plugin interested in it retries the pod after backoff.
     */
    QueueingStrategy decide(QueuedPodInfo pod, ClusterEvent event, Object oldObj, Object newObj) {
        if (pod.unschedulablePlugins().isEmpty() && pod.pendingPlugins().isEmpty()) {
            return QueueingStrategy.AFTER_BACKOFF;
        }
        if (QueueEvents.isWildcard(event)) {
            if (newObj != null && !(newObj instanceof Pod target && Objects.equals(target.getMetadata().getUid(), pod.uid()))) {
                return QueueingStrategy.SKIP;
            }
            return QueueingStrategy.AFTER_BACKOFF;
        }
        for (String plugin : pod.pendingPlugins()) {
            if (registry.interested(plugin, event)) {
                return QueueingStrategy.IMMEDIATELY;
            }
        }
        for (String plugin : pod.unschedulablePlugins()) {
            if (registry.interested(plugin, event)) {
                return QueueingStrategy.AFTER_BACKOFF;
            }
        }
        return QueueingStrategy.SKIP;
    }

    /** The strongest verdict of the events that happened while the pod was being scheduled. */
    QueueingStrategy decideForInFlight(QueuedPodInfo pod, List<InFlightTracker.Event> events) {
        if (pod.unschedulablePlugins().isEmpty() && pod.pendingPlugins().isEmpty()) {
            return QueueingStrategy.AFTER_BACKOFF;
        }
        QueueingStrategy best = QueueingStrategy.SKIP;
        for (InFlightTracker.Event e : events) {
            QueueingStrategy s = decide(pod, e.event(), e.oldObj(), e.newObj());
            if (s == QueueingStrategy.IMMEDIATELY) {
                return s;
            }
            if (s == QueueingStrategy.AFTER_BACKOFF) {
                best = s;
                if (pod.pendingPlugins().isEmpty()) {
                    // only a pending plugin could still raise this to IMMEDIATELY
                    return best;
                }
            }
        }
        return best;
    }
}
