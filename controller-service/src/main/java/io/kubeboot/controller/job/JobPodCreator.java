package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.Fabric8PodControl;
import io.kubeboot.controller.util.PodTemplates;
import io.kubeboot.runtime.events.EventRecorder;

/**
 * Upstream {@code CreatePodsWithGenerateName}: a pod from the template, controlled by the Job, named from
 * {@code generateName} (or {@code <job>-} when empty); events SuccessfulCreate / FailedCreate as for every controller.
 */
@FunctionalInterface
public interface JobPodCreator {
    void create(String namespace, PodTemplateSpec template, Job job, OwnerReference controllerRef, String generateName) throws Exception;

    /** Through the apiserver, recording events on the Job. */
    static JobPodCreator fabric8(KubernetesClient client, EventRecorder recorder) {
        return (namespace, template, job, ref, generateName) -> {
            Pod pod = PodTemplates.podFromTemplate(template, namespace, job.getMetadata().getName(), ref);
            if (generateName != null && !generateName.isEmpty()) {
                pod.getMetadata().setGenerateName(generateName);
            }
            if (pod.getMetadata().getLabels().isEmpty()) {
                throw new IllegalStateException("unable to create pods, no labels");
            }
            Pod created;
            try {
                created = client.pods().inNamespace(namespace).resource(pod).create();
            } catch (KubernetesClientException e) {
                if (!ClientErrors.hasStatusCause(e, ClientErrors.NAMESPACE_TERMINATING_CAUSE)) {
                    recorder.eventf(job, EventRecorder.WARNING, Fabric8PodControl.FAILED_CREATE, "Error creating: %s", ClientErrors.message(e));
                }
                throw e;
            }
            recorder.eventf(job, EventRecorder.NORMAL, Fabric8PodControl.SUCCESSFUL_CREATE, "Created pod: %s", created.getMetadata().getName());
        };
    }
}
