package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.KubeletException;

import java.util.List;

/**
 * A container's environment as the kubelet makes it (upstream kubelet_pods.go makeEnvironmentVariables): the
 * Service variables ({@code KUBERNETES_SERVICE_HOST}, {@code <SVC>_SERVICE_HOST}, {@code <SVC>_PORT_...} when
 * {@code enableServiceLinks}), {@code envFrom}, then {@code env} with {@code $(VAR)} expansion, fieldRef,
 * resourceFieldRef, configMapKeyRef and secretKeyRef.
 *
 * <p>Thread safety: safe for concurrent use; reads ConfigMaps, Secrets and Services from informer caches.
 */
public interface EnvironmentResolver {
    /**
     * The environment as {@code NAME=value} in upstream's order. A missing ConfigMap/Secret/key that is not optional
     * throws {@link KubeletException} with reason {@code CreateContainerConfigError} and upstream's message (e.g.
     * {@code configmap "special-config" not found}).
     */
    List<String> resolve(Pod pod, Container container, String podIp, String hostIp);
}
