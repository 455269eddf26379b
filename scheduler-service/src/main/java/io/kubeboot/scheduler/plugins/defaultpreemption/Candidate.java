package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.kubeboot.scheduler.framework.PodInfo;

import java.util.List;

/**
 * A node on which the preemptor would fit once {@code victims} are gone, as upstream's
 * {@code preemption.Candidate} with its {@code extenderv1.Victims}.
 *
 * @param victims ordered from the most to the least important (higher priority first, then earlier start)
 * @param numPdbViolations victims whose PodDisruptionBudget the eviction would violate; always 0 in
 *                         KubeBoot, which has no PodDisruptionBudget resource, but kept so that the
 *                         node ranking keeps upstream's first criterion
 */
public record Candidate(String nodeName, List<PodInfo> victims, int numPdbViolations) {
    public Candidate {
        victims = List.copyOf(victims);
    }
}
