package io.kubeboot.scheduler.plugins.noderesources;

/**
 * A node score from the requested amounts (the node's pods plus the incoming pod) and the allocatable
 * amounts of the configured resources, index i being resource i. An allocatable of 0 marks a resource
 * that does not take part (the node lacks it, or the pod does not request that extended resource).
 */
@FunctionalInterface
interface ResourceScorer {
    long score(long[] requested, long[] allocatable);
}
