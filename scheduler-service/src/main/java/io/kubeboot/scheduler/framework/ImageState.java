package io.kubeboot.scheduler.framework;

/**
 * An image present on a node, as upstream's {@code ImageStateSummary}: its size and on how many nodes of
 * the cluster it is present (ImageLocality scales its score by that spread).
 */
public record ImageState(long sizeBytes, int numNodes) {
}
