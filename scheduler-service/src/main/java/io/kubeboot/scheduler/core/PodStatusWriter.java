package io.kubeboot.scheduler.core;

import io.fabric8.kubernetes.api.model.Pod;

/** The pod status writes of a failed attempt, as upstream's updatePod in handleSchedulingFailure. */
public interface PodStatusWriter {
    /**
     * Sets the {@code PodScheduled} condition to False with {@code reason} and {@code message}, and
     * {@code status.nominatedNodeName} ({@code null} leaves it, "" clears it). Skips the write when the
     * pod already says exactly that. Failures are logged, not thrown (the pod is retried anyway).
     */
    void podScheduledFalse(Pod pod, String reason, String message, String nominatedNodeName);
}
