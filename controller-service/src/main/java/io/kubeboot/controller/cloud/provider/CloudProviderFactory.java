package io.kubeboot.controller.cloud.provider;

/**
 * The service-provider entry of a cloud provider plugin (upstream's {@code RegisterCloudProvider}): implementations
 * are listed in {@code META-INF/services/io.kubeboot.controller.cloud.provider.CloudProviderFactory} and found with
 * {@link java.util.ServiceLoader}; {@code kubeboot.cloud.provider} selects one by {@link #name()}.
 */
public interface CloudProviderFactory {
    /** The name selecting this provider, e.g. "local". */
    String name();

    /**
     * Creates a provider for one run.
     *
     * @throws CloudProviderException when the configuration is not usable
     */
    CloudProvider create(CloudProviderContext context);
}
