package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.runtime.events.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Upstream {@code deletePodHandler}: records {@code TaintManagerEviction} "Marking for deletion Pod ns/name", then
 * (up to 5 tries, 10 ms apart) reads the pod, sets its {@code DisruptionTarget} condition through
 * {@code pods/status} and deletes it. A pod already gone counts as deleted. Thread safe.
 */
class PodEvictor implements TimedWorkerQueue.Work {
    static final String EVENT_REASON = "TaintManagerEviction";
    private static final int RETRIES = 5;
    private static final Logger log = LoggerFactory.getLogger(PodEvictor.class);

    private final KubernetesClient client;
    private final EventRecorder recorder;
    private final Clock clock;

    PodEvictor(KubernetesClient client, EventRecorder recorder, Clock clock) {
        this.client = client;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public void run(String key, Instant fireAt) throws Exception {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        log.info("Deleting pod {} (controller {})", key, TaintEvictionController.NAME);
        recorder.event(podRef(namespace, name), EventRecorder.NORMAL, EVENT_REASON, "Marking for deletion Pod " + key);
        Exception last = null;
        for (int i = 0; i < RETRIES; i++) {
            try {
                addConditionAndDeletePod(namespace, name);
                return;
            } catch (Exception e) {
                if (ClientErrors.isNotFound(e)) {
                    return;
                }
                last = e;
            }
            Thread.sleep(10);
        }
        throw last;
    }

    private void addConditionAndDeletePod(String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null) {
            throw new io.fabric8.kubernetes.client.KubernetesClientException("pods \"" + name + "\" not found", 404, null);
        }
        Optional<PodStatus> status = DisruptionTarget.withCondition(pod.getStatus(), DisruptionTarget.condition(clock.instant()));
        if (status.isPresent()) {
            pod.setStatus(status.get());
            client.pods().inNamespace(namespace).resource(pod).updateStatus();
        }
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    static io.fabric8.kubernetes.api.model.ObjectReference podRef(String namespace, String name) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withNamespace(namespace).withName(name).build();
    }
}
