package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeboot.runtime.events.EventRecorder;

import java.util.Objects;

/** Upstream {@code RealPodControl}: {@link PodControl} through the apiserver, with events. */
public final class Fabric8PodControl implements PodControl {
    public static final String FAILED_CREATE = "FailedCreate";
    public static final String SUCCESSFUL_CREATE = "SuccessfulCreate";
    public static final String FAILED_DELETE = "FailedDelete";
    public static final String SUCCESSFUL_DELETE = "SuccessfulDelete";

    private final KubernetesClient client;
    private final EventRecorder recorder;

    public Fabric8PodControl(KubernetesClient client, EventRecorder recorder) {
        this.client = Objects.requireNonNull(client);
        this.recorder = Objects.requireNonNull(recorder);
    }

    @Override
    public void createPods(String namespace, PodTemplateSpec template, HasMetadata owner, OwnerReference controllerRef) {
        validateControllerRef(controllerRef);
        Pod pod = PodTemplates.podFromTemplate(template, namespace, owner.getMetadata().getName(), controllerRef);
        if (pod.getMetadata().getLabels().isEmpty()) {
            throw new IllegalStateException("unable to create pods, no labels");
        }
        Pod created;
        try {
            created = client.pods().inNamespace(namespace).resource(pod).create();
        } catch (KubernetesClientException e) {
            if (!ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                recorder.eventf(owner, EventRecorder.WARNING, FAILED_CREATE, "Error creating: %s", ClientErrors.message(e));
            }
            throw e;
        }
        recorder.eventf(owner, EventRecorder.NORMAL, SUCCESSFUL_CREATE, "Created pod: %s", created.getMetadata().getName());
    }

    @Override
    public void deletePod(String namespace, String name, HasMetadata owner) {
        try {
            var result = client.pods().inNamespace(namespace).withName(name).delete();
            if (result == null || result.isEmpty()) {
                throw new KubernetesClientException("pods \"" + name + "\" not found", 404, null);
            }
        } catch (KubernetesClientException e) {
            if (!ClientErrors.isNotFound(e)) {
                recorder.eventf(owner, EventRecorder.WARNING, FAILED_DELETE, "Error deleting: %s", ClientErrors.message(e));
            }
            throw e;
        }
        recorder.eventf(owner, EventRecorder.NORMAL, SUCCESSFUL_DELETE, "Deleted pod: %s", name);
    }

    @Override
    public void patchPod(String namespace, String name, String strategicMergePatch) {
        client.pods().inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), strategicMergePatch);
    }

    /** Upstream {@code validateControllerRef}. */
    static void validateControllerRef(OwnerReference ref) {
        if (ref == null) {
            throw new IllegalArgumentException("controllerRef is nil");
        }
        if (ref.getApiVersion() == null || ref.getApiVersion().isEmpty()) {
            throw new IllegalArgumentException("controllerRef has empty APIVersion");
        }
        if (ref.getKind() == null || ref.getKind().isEmpty()) {
            throw new IllegalArgumentException("controllerRef has empty Kind");
        }
        if (!Boolean.TRUE.equals(ref.getController())) {
            throw new IllegalArgumentException("controllerRef.Controller is not set to true");
        }
        if (!Boolean.TRUE.equals(ref.getBlockOwnerDeletion())) {
            throw new IllegalArgumentException("controllerRef.BlockOwnerDeletion is not set");
        }
    }
}
