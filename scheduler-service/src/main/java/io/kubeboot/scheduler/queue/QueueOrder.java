package io.kubeboot.scheduler.queue;

import java.util.Comparator;

/**
 * Orders of the active queue. {@link #prioritySort()} is upstream's default QueueSort plugin
 * (PrioritySort): higher {@code spec.priority} first, then the pod queued earlier.
 */
public final class QueueOrder {
    private QueueOrder() {
    }

    public static Comparator<QueuedPodInfo> prioritySort() {
        return Comparator.comparingInt((QueuedPodInfo p) -> p.podInfo().priority()).reversed()
                .thenComparing(QueuedPodInfo::timestamp);
    }
}
