package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link ObjectLookup} by GET against the apiserver with a short per-object cache (upstream's TTL cache
 * strategy for ConfigMaps and Secrets, applied here to Services and the Node as well): a pod's containers started in
 * one sync read each object once, and a change shows up within {@code ttl}. Thread safe.
 */
public class Fabric8ObjectLookup implements ObjectLookup {
    private record Key(String namespace, String name) {
    }

    private final KubernetesClient client;
    private final TtlCache<Key, Optional<ConfigMap>> configMaps;
    private final TtlCache<Key, Optional<Secret>> secrets;
    private final TtlCache<String, List<Service>> services;
    private final TtlCache<String, Optional<Node>> nodes;

    /** @param ttl how long an object read is reused, e.g. 5 seconds */
    public Fabric8ObjectLookup(KubernetesClient client, Duration ttl) {
        this(client, ttl, Clock.systemUTC());
    }

    Fabric8ObjectLookup(KubernetesClient client, Duration ttl, Clock clock) {
        this.client = client;
        this.configMaps = new TtlCache<>(ttl, clock);
        this.secrets = new TtlCache<>(ttl, clock);
        this.services = new TtlCache<>(ttl, clock);
        this.nodes = new TtlCache<>(ttl, clock);
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return configMaps.get(new Key(namespace, name),
                k -> Optional.ofNullable(client.configMaps().inNamespace(k.namespace()).withName(k.name()).get()));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return secrets.get(new Key(namespace, name),
                k -> Optional.ofNullable(client.secrets().inNamespace(k.namespace()).withName(k.name()).get()));
    }

    @Override
    public List<Service> services(String namespace) {
        return services.get(namespace, ns -> List.copyOf(client.services().inNamespace(ns).list().getItems()));
    }

    @Override
    public Optional<Node> node(String name) {
        return nodes.get(name, n -> Optional.ofNullable(client.nodes().withName(n).get()));
    }
}
