package io.kubeboot.scheduler.framework;

/**
 * Whether the pod can run on one node. Called concurrently for different nodes; must not block or write
 * to the state. Returns {@link Status#success()}, or an unschedulable/unresolvable status whose reasons
 * are the upstream phrases shown in FailedScheduling.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
