package io.kubeboot.controller.cloud.provider;

/**
 * Upstream {@code cloudprovider.Route}: traffic to {@code destinationCidr} goes to the node {@code targetNode}. A
 * blackhole route (its target is gone) in the cluster's range is deleted by the route controller.
 */
public record Route(String name, String targetNode, String destinationCidr, boolean blackhole) {
    public Route {
        name = name == null ? "" : name;
        targetNode = targetNode == null ? "" : targetNode;
    }
}
