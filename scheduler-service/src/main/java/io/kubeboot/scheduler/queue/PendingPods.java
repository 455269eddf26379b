package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/**
 * The pods waiting in the queue (active, then backoff, then unschedulable) and how many each part holds,
 * as upstream's {@code PendingPods}. Pods being scheduled right now are not pending.
 */
public record PendingPods(List<Pod> pods, int active, int backoff, int unschedulable, int gated) {
    public PendingPods {
        pods = List.copyOf(pods);
    }

    /** Upstream's debugging summary, e.g. {@code activeQ:1; backoffQ:0; unschedulablePods:2}. */
    public String summary() {
        return "activeQ:" + active + "; backoffQ:" + backoff + "; unschedulablePods:" + unschedulable;
    }
}
