package io.kubeboot.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;

/** Event references as upstream's {@code GenerateContainerRef}: the pod with a field path naming the container. */
public final class ContainerReferences {
    private ContainerReferences() {
    }

    public static ObjectReference pod(Pod pod) {
        return ref(pod, null);
    }

    public static ObjectReference container(Pod pod, Container container) {
        return ref(pod, fieldPath(pod, container.getName()));
    }

    static String fieldPath(Pod pod, String name) {
        for (Container c : pod.getSpec().getContainers()) {
            if (name.equals(c.getName())) {
                return "spec.containers{" + name + "}";
            }
        }
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                if (name.equals(c.getName())) {
                    return "spec.initContainers{" + name + "}";
                }
            }
        }
        return null;
    }

    private static ObjectReference ref(Pod pod, String fieldPath) {
        return new ObjectReferenceBuilder()
                .withKind("Pod")
                .withApiVersion("v1")
                .withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid())
                .withResourceVersion(pod.getMetadata().getResourceVersion())
                .withFieldPath(fieldPath)
                .build();
    }
}
