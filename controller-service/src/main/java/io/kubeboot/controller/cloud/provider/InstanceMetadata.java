package io.kubeboot.controller.cloud.provider;

import io.fabric8.kubernetes.api.model.NodeAddress;

import java.util.List;
import java.util.Map;

/**
 * Upstream {@code cloudprovider.InstanceMetadata}. Empty strings mean "unknown" (the node controller then sets no
 * label for it).
 */
public record InstanceMetadata(String providerId, String instanceType, List<NodeAddress> nodeAddresses, String zone,
                               String region, Map<String, String> additionalLabels) {
    public InstanceMetadata {
        providerId = providerId == null ? "" : providerId;
        instanceType = instanceType == null ? "" : instanceType;
        nodeAddresses = nodeAddresses == null ? List.of() : List.copyOf(nodeAddresses);
        zone = zone == null ? "" : zone;
        region = region == null ? "" : region;
        additionalLabels = additionalLabels == null ? Map.of() : Map.copyOf(additionalLabels);
    }
}
