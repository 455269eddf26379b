package io.kubeboot.controller.cloud.local;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.kubeboot.controller.cloud.provider.CloudProviderContext;
import io.kubeboot.controller.cloud.provider.InstanceMetadata;
import io.kubeboot.controller.cloud.provider.InstancesV2;
import io.kubeboot.controller.cloud.provider.Zones;

import java.util.List;
import java.util.Map;

/**
 * Instances of the local provider are the Node objects themselves: an instance exists while its Node is in the
 * cache, is never shut down, has the provider ID {@code kubeboot://<node>}, the addresses the node reports (else
 * InternalIP 127.0.0.1 and its name as Hostname), zone and region "local".
 */
final class LocalInstances implements InstancesV2, Zones {
    static final String PROVIDER_ID_PREFIX = "kubeboot://";
    static final String ZONE = "local";
    static final String REGION = "local";
    static final String INSTANCE_TYPE = "local";

    private final CloudProviderContext.NodeLookup nodes;

    LocalInstances(CloudProviderContext.NodeLookup nodes) {
        this.nodes = nodes;
    }

    @Override
    public boolean instanceExists(Node node) {
        return nodes.get(node.getMetadata().getName()) != null;
    }

    @Override
    public boolean instanceShutdown(Node node) {
        return false;
    }

    @Override
    public InstanceMetadata instanceMetadata(Node node) {
        String name = node.getMetadata().getName();
        List<NodeAddress> addresses = node.getStatus() != null && node.getStatus().getAddresses() != null
                && !node.getStatus().getAddresses().isEmpty()
                ? node.getStatus().getAddresses().stream().map(a -> new NodeAddressBuilder(a).build()).toList()
                : List.of(new NodeAddressBuilder().withType("InternalIP").withAddress(BackendSelector.LOOPBACK).build(),
                          new NodeAddressBuilder().withType("Hostname").withAddress(name).build());
        return new InstanceMetadata(PROVIDER_ID_PREFIX + name, INSTANCE_TYPE, addresses, ZONE, REGION, Map.of());
    }

    @Override
    public Zone getZone() {
        return new Zone(ZONE, REGION);
    }

    @Override
    public Zone getZoneByProviderId(String providerId) {
        return getZone();
    }

    @Override
    public Zone getZoneByNodeName(String nodeName) {
        return getZone();
    }
}
