package io.kubeboot.controller.cloud.local;

import io.kubeboot.controller.cloud.provider.CloudProvider;
import io.kubeboot.controller.cloud.provider.CloudProviderContext;
import io.kubeboot.controller.cloud.provider.CloudProviderException;
import io.kubeboot.controller.cloud.provider.CloudProviderFactory;

/** Registers {@link LocalCloudProvider} as "local" (META-INF/services). */
public final class LocalCloudProviderFactory implements CloudProviderFactory {
    @Override
    public String name() {
        return LocalCloudProvider.NAME;
    }

    @Override
    public CloudProvider create(CloudProviderContext context) {
        try {
            return LocalCloudProvider.create(context);
        } catch (IllegalArgumentException e) {
            throw new CloudProviderException("invalid configuration of cloud provider \"local\": " + e.getMessage(), e);
        }
    }
}
