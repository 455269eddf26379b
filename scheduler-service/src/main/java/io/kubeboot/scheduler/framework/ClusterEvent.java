package io.kubeboot.scheduler.framework;

/**
 * A change in the cluster that may make an unschedulable pod schedulable, as upstream's
 * {@code framework.ClusterEvent}: which kind of object changed and how. The queue moves a pod rejected
 * by plugin P back to the active queue only on an event P registered for (see {@link EnqueueExtensions}).
 */
public record ClusterEvent(Resource resource, int actions) {

    /** The kinds of object whose changes the scheduler reacts to. */
    public enum Resource { POD, ASSIGNED_POD, UNSCHEDULED_POD, NODE, NAMESPACE, WILDCARD }

    public static final int ADD = 1;
    public static final int DELETE = 1 << 1;
    public static final int UPDATE_NODE_ALLOCATABLE = 1 << 2;
    public static final int UPDATE_NODE_LABEL = 1 << 3;
    public static final int UPDATE_NODE_TAINT = 1 << 4;
    public static final int UPDATE_NODE_CONDITION = 1 << 5;
    public static final int UPDATE_NODE_ANNOTATION = 1 << 6;
    public static final int UPDATE_POD_LABEL = 1 << 7;
    public static final int UPDATE_POD_SCALE_DOWN = 1 << 8;
    public static final int UPDATE_POD_TOLERATIONS = 1 << 9;
    /** Any other update (spec.unschedulable, images, ...). */
    public static final int UPDATE_OTHER = 1 << 10;
    public static final int UPDATE = UPDATE_NODE_ALLOCATABLE | UPDATE_NODE_LABEL | UPDATE_NODE_TAINT
            | UPDATE_NODE_CONDITION | UPDATE_NODE_ANNOTATION | UPDATE_POD_LABEL | UPDATE_POD_SCALE_DOWN
            | UPDATE_POD_TOLERATIONS | UPDATE_OTHER;
    public static final int ALL = ADD | DELETE | UPDATE;

    public static ClusterEvent of(Resource resource, int actions) {
        return new ClusterEvent(resource, actions);
    }

    /** Whether this registered interest covers {@code happened} (same resource or wildcard, overlapping actions). */
    public boolean covers(ClusterEvent happened) {
        boolean sameResource = resource == Resource.WILDCARD || resource == happened.resource
                || (resource == Resource.POD && (happened.resource == Resource.ASSIGNED_POD || happened.resource == Resource.UNSCHEDULED_POD));
        return sameResource && (actions & happened.actions) != 0;
    }
}
