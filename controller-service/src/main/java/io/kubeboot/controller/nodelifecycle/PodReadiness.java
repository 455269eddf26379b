package io.kubeboot.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.Times;
import io.kubeboot.runtime.events.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream {@code controllerutil.MarkPodsNotReady}: the pods of a node that stopped being Ready get their Ready
 * condition set to False (through {@code pods/status}, guarded by the cached resourceVersion), with a Warning event
 * {@code NodeNotReady} "Node is not ready" on each pod written. Pods without a Ready condition, or already not
 * Ready, are left alone. Thread safe.
 */
class PodReadiness {
    static final String EVENT_REASON = "NodeNotReady";
    static final String EVENT_MESSAGE = "Node is not ready";
    private static final Logger log = LoggerFactory.getLogger(PodReadiness.class);

    private final KubernetesClient client;
    private final EventRecorder recorder;
    private final Clock clock;

    PodReadiness(KubernetesClient client, EventRecorder recorder, Clock clock) {
        this.client = client;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * The pod with its Ready condition False (upstream {@code UpdatePodCondition}: lastTransitionTime now), or empty
     * when it has no Ready condition or it is False already.
     */
    static Optional<Pod> markedNotReady(Pod pod, Instant now) {
        Optional<PodCondition> ready = PodConditions.readyCondition(pod);
        if (ready.isEmpty() || NodeConditionUtil.FALSE.equals(ready.get().getStatus())) {
            return Optional.empty();
        }
        Pod copy = new PodBuilder(pod).build();
        List<PodCondition> conditions = new ArrayList<>();
        for (PodCondition c : copy.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                c.setStatus(NodeConditionUtil.FALSE);
                c.setLastTransitionTime(Times.format(now));
            }
            conditions.add(c);
        }
        copy.getStatus().setConditions(conditions);
        return Optional.of(copy);
    }

    /**
     * Marks the pods bound to {@code nodeName} not Ready.
     *
     * @throws IllegalStateException naming the failed writes (NotFound is not a failure: the pod is gone)
     */
    void markPodsNotReady(List<Pod> pods, String nodeName) {
        log.debug("Update ready status of pods on node {}", nodeName);
        List<String> errors = new ArrayList<>();
        for (Pod pod : pods) {
            if (!nodeName.equals(PodConditions.nodeName(pod))) {
                continue;
            }
            Optional<Pod> marked = markedNotReady(pod, clock.instant());
            if (marked.isEmpty()) {
                continue;
            }
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(marked.get()).updateStatus();
            } catch (RuntimeException e) {
                if (ClientErrors.isNotFound(e)) {
                    continue;
                }
                log.info("Failed to update status for pod {}/{}: {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), ClientErrors.message(e));
                errors.add(ClientErrors.message(e));
            }
            recorder.event(pod, EventRecorder.WARNING, EVENT_REASON, EVENT_MESSAGE);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() == 1 ? errors.get(0) : errors.toString());
        }
    }
}
