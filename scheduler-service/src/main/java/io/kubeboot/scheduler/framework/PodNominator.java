package io.kubeboot.scheduler.framework;

import java.util.List;

/**
 * Pods nominated to run on a node after preemption made room there (their {@code status.nominatedNodeName}),
 * as upstream's {@code PodNominator}. Filter accounts for higher-or-equal priority nominated pods so that
 * the room is not taken by someone else. Thread safe.
 */
public interface PodNominator {
    List<PodInfo> nominatedPodsForNode(String nodeName);

    /** False when certainly no pod is nominated anywhere (lets a cycle skip the per-node lookups). */
    default boolean hasNominatedPods() {
        return true;
    }
}
