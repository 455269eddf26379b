package io.kubeboot.controller.cloud.provider;

import io.fabric8.kubernetes.api.model.Node;

/** Upstream {@code cloudprovider.InstancesV2}: what the cloud knows of the instance behind a Node. */
public interface InstancesV2 {
    /** Upstream {@code InstanceExists}: false once the instance is gone for good (its Node is then deleted). */
    boolean instanceExists(Node node);

    /** Upstream {@code InstanceShutdown}: the instance exists but is shut down. */
    boolean instanceShutdown(Node node);

    /** Upstream {@code InstanceMetadata}: what the node controller writes into the Node on initialisation. */
    InstanceMetadata instanceMetadata(Node node);
}
