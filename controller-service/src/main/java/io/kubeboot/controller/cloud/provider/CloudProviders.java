package io.kubeboot.controller.cloud.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Upstream {@code cloudprovider.InitCloudProvider}: finds the {@link CloudProviderFactory} of a name with
 * {@link ServiceLoader} (in the given class loader) and creates the provider.
 */
public final class CloudProviders {
    /** The provider name that turns the cloud controllers off. */
    public static final String NONE = "none";

    private final ClassLoader classLoader;

    public CloudProviders(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The names of the registered providers, in class path order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (CloudProviderFactory f : ServiceLoader.load(CloudProviderFactory.class, classLoader)) {
            names.add(f.name());
        }
        return names;
    }

    /**
     * Creates the provider registered as {@code name}.
     *
     * @throws CloudProviderException when none is registered under that name (upstream's message)
     */
    public CloudProvider create(String name, CloudProviderContext context) {
        for (CloudProviderFactory f : ServiceLoader.load(CloudProviderFactory.class, classLoader)) {
            if (f.name().equals(name)) {
                return f.create(context);
            }
        }
        throw new CloudProviderException("could not init cloud provider \"" + name + "\": unknown cloud provider \"" + name + "\"");
    }
}
