package io.kubeboot.node.server;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Optional;

/**
 * The pods bound to this node as the kubelet knows them (upstream's pod manager behind the kubelet's
 * {@code GetPods}/{@code GetPodByName}), with the status the kubelet last computed where it has one. Implemented
 * by the kubelet's pod lifecycle; the kubelet HTTP server reads it. Thread safe.
 */
@FunctionalInterface
public interface NodePods {
    List<Pod> pods();

    default Optional<Pod> pod(String namespace, String name) {
        for (Pod p : pods()) {
            if (p.getMetadata() != null && namespace.equals(p.getMetadata().getNamespace())
                    && name.equals(p.getMetadata().getName())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
