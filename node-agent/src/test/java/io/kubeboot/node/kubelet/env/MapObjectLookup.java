package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A map-backed {@link ObjectLookup} for tests; objects are keyed by namespace/name. */
public class MapObjectLookup implements ObjectLookup {
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final List<Service> services = new ArrayList<>();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();

    public MapObjectLookup configMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(namespace + "/" + name, new ConfigMapBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(new LinkedHashMap<>(data)).build());
        return this;
    }

    /** A Secret whose data is given in clear text (stored base64-encoded as the API carries it). */
    public MapObjectLookup secret(String namespace, String name, Map<String, String> clearData) {
        Map<String, String> data = new LinkedHashMap<>();
        clearData.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, new SecretBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(data).build());
        return this;
    }

    public MapObjectLookup service(Service service) {
        services.add(service);
        return this;
    }

    public MapObjectLookup node(Node node) {
        nodes.put(node.getMetadata().getName(), node);
        return this;
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override
    public List<Service> services(String namespace) {
        return services.stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())).toList();
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }
}
