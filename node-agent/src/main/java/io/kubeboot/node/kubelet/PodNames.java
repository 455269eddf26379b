package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

/** Names the kubelet writes into messages, keys and runtime objects, as upstream does. */
public final class PodNames {
    private PodNames() {
    }

    /** Upstream's {@code format.Pod}: {@code <name>_<namespace>(<uid>)}. */
    public static String format(Pod pod) {
        return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")";
    }

    /** The dockershim's container name: {@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>}. */
    public static String containerName(Pod pod, Container container, int attempt) {
        return "k8s_" + container.getName() + "_" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace()
                + "_" + pod.getMetadata().getUid() + "_" + attempt;
    }

    /** Upstream's {@code GetStableKey}: the back-off key of a container, changing with its spec hash. */
    public static String stableKey(Pod pod, Container container) {
        return keyPrefix(pod) + container.getName() + "_" + ContainerHash.label(container);
    }

    /** The prefix of every back-off key of the pod. */
    public static String keyPrefix(Pod pod) {
        return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getUid() + "_";
    }
}
