package io.kubeboot.scheduler.framework;

import java.util.Map;

/**
 * Runs when no node passed Filter (DefaultPreemption): may make room and nominate a node for the pod.
 */
public interface PostFilterPlugin extends Plugin {

    /** The outcome; {@code nominatedNodeName} is set when room was made on that node. */
    record Result(Status status, String nominatedNodeName) {
    }

    /** @param filteredNodeStatuses every node's Filter verdict in this cycle, by node name */
    Result postFilter(CycleState state, PodInfo pod, Map<String, Status> filteredNodeStatuses);
}
