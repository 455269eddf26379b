package io.kubeboot.scheduler.queue;

import io.kubeboot.scheduler.framework.ClusterEvent;

/**
 * The events the queue itself raises or names, as upstream's framework/events.go. The two wildcard
 * events are equal as {@link ClusterEvent}s; what distinguishes a {@link #FORCE_ACTIVATE} is the pod it
 * carries as its new object, which limits it to that pod.
 */
public final class QueueEvents {
    private QueueEvents() {
    }

    /** Pods that stayed unschedulable too long are retried whatever rejected them. */
    public static final ClusterEvent UNSCHEDULABLE_TIMEOUT = ClusterEvent.of(ClusterEvent.Resource.WILDCARD, ClusterEvent.ALL);
    /** {@link SchedulingQueue#activate} of a pod that is being scheduled right now. */
    public static final ClusterEvent FORCE_ACTIVATE = ClusterEvent.of(ClusterEvent.Resource.WILDCARD, ClusterEvent.ALL);
    /** A pod bound to a node appeared (in the informer). */
    public static final ClusterEvent ASSIGNED_POD_ADD = ClusterEvent.of(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.ADD);

    // labels of the incoming-pods metric, as upstream's
    static final String UNSCHEDULED_POD_ADD = "UnschedulablePodAdd";
    static final String UNSCHEDULED_POD_UPDATE = "UnschedulablePodUpdate";
    static final String SCHEDULE_ATTEMPT_FAILURE = "ScheduleAttemptFailure";
    static final String BACKOFF_COMPLETE = "BackoffComplete";
    static final String FORCE_ACTIVATE_LABEL = "ForceActivate";
    static final String UNSCHEDULABLE_TIMEOUT_LABEL = "UnschedulableTimeout";

    /** Whether the event concerns everything (upstream's IsWildCard). */
    public static boolean isWildcard(ClusterEvent event) {
        return event.resource() == ClusterEvent.Resource.WILDCARD && event.actions() == ClusterEvent.ALL;
    }

    /** A metric label for an event: resource then action, as upstream's generated labels (NodeAdd, AssignedPodUpdate, ...). */
    static String label(ClusterEvent event) {
        if (isWildcard(event)) {
            return "WildCardEvent";
        }
        String resource = switch (event.resource()) {
            case POD -> "Pod";
            case ASSIGNED_POD -> "AssignedPod";
            case UNSCHEDULED_POD -> "UnschedulablePod";
            case NODE -> "Node";
            case NAMESPACE -> "Namespace";
            case WILDCARD -> "WildCard";
        };
        int a = event.actions();
        String action = a == ClusterEvent.ADD ? "Add" : a == ClusterEvent.DELETE ? "Delete" : (a & ~ClusterEvent.UPDATE) == 0 ? "Update" : "Change";
        return resource + action;
    }
}
