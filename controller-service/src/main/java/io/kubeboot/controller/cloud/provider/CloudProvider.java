package io.kubeboot.controller.cloud.provider;

import java.util.Optional;

/**
 * Upstream {@code cloudprovider.Interface} (k8s.io/cloud-provider cloud.go), reduced to the parts KubeBoot's cloud
 * controllers use. A part a provider does not support is empty; the controller needing it is then not run (as
 * upstream's "does not support routes" etc.). A provider is created per cloud-controller-manager run and closed with
 * it; closing releases what the provider holds locally (e.g. listeners), not the cloud resources it manages.
 */
public interface CloudProvider extends AutoCloseable {
    /** Upstream {@code ProviderName()}: the name it is registered under, e.g. "local". */
    String providerName();

    Optional<LoadBalancer> loadBalancer();

    Optional<InstancesV2> instancesV2();

    Optional<Routes> routes();

    Optional<Zones> zones();

    @Override
    default void close() {
    }
}
