package io.kubeboot.scheduler.framework;

/**
 * Reserve runs when a node was chosen, before the pod is bound; Unreserve undoes it when a later step
 * fails. Unreserve must be idempotent and must not fail.
 */
public interface ReservePlugin extends Plugin {
    Status reserve(CycleState state, PodInfo pod, String nodeName);

    void unreserve(CycleState state, PodInfo pod, String nodeName);
}
