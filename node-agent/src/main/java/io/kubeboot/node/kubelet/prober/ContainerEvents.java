package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.runtime.events.EventRecorder;

import java.util.List;

/** Where the prober's container events go (upstream recordContainerEvent): Warning events about one container. */
@FunctionalInterface
interface ContainerEvents {
    void warning(Pod pod, String containerName, String reason, String message);

    /**
     * Events through the recorder, about the container as upstream refers to it: the pod with fieldPath
     * {@code spec.containers{name}} (or {@code spec.initContainers{name}}).
     */
    static ContainerEvents of(EventRecorder recorder) {
        return (pod, containerName, reason, message) -> recorder.event(reference(pod, containerName), EventRecorder.WARNING, reason, message);
    }

    static ObjectReference reference(Pod pod, String containerName) {
        String field = "spec.containers{" + containerName + "}";
        List<Container> init = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        if (init.stream().anyMatch(c -> containerName.equals(c.getName()))) {
            field = "spec.initContainers{" + containerName + "}";
        }
        return new ObjectReferenceBuilder().withKind("Pod").withApiVersion("v1")
                .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid()).withResourceVersion(pod.getMetadata().getResourceVersion())
                .withFieldPath(field).build();
    }
}
