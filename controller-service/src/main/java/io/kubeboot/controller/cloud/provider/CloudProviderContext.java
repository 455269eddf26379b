package io.kubeboot.controller.cloud.provider;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.Objects;

/**
 * What a provider is created from (upstream's {@code Initialize(clientBuilder, stop)} plus its config file): the
 * cluster name, the provider's own settings ({@code kubeboot.cloud.<provider>.*}, keys in kebab case), a client and a
 * read-only view of the Node cache.
 */
public record CloudProviderContext(String clusterName, Map<String, String> config, KubernetesClient client, NodeLookup nodes) {
    public CloudProviderContext {
        Objects.requireNonNull(clusterName, "clusterName");
        config = Map.copyOf(config);
        Objects.requireNonNull(nodes, "nodes");
    }

    /** A setting of the provider, or {@code fallback} when unset or blank. */
    public String setting(String key, String fallback) {
        String v = config.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The Node cache as the provider sees it; objects returned are shared and must not be modified. */
    @FunctionalInterface
    public interface NodeLookup {
        /** The cached node of that name, or null. */
        Node get(String name);
    }
}
