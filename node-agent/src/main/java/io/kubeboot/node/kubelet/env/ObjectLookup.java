package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;

import java.util.List;
import java.util.Optional;

/**
 * The API objects the kubelet reads to build environments and volumes (upstream's configMapManager, secretManager,
 * serviceLister and node lister). Empty means the object does not exist; trouble reaching the apiserver is a
 * {@link RuntimeException}.
 *
 * <p>Thread safety: implementations are safe for concurrent use.
 */
public interface ObjectLookup {
    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<Secret> secret(String namespace, String name);

    /** The Services of one namespace. */
    List<Service> services(String namespace);

    Optional<Node> node(String name);
}
