package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.PodInfo;

/**
 * What PreFilter computes for Filter, as upstream's {@code preFilterState}: per topology domain, the
 * existing pods' required anti-affinity terms the incoming pod matches, and the existing pods matching the
 * incoming pod's required affinity (all terms) and anti-affinity terms. Filter reads it concurrently; the
 * PreFilter extensions change a {@link #copy()} on one thread.
 *
 * @param target the incoming pod as a term-matching target (namespace labels resolved once)
 */
record PreFilterState(TermCounts existingAntiAffinityCounts, TermCounts affinityCounts, TermCounts antiAffinityCounts,
                      PodInfo podInfo, TermMatcher.Target target) implements CycleState.StateData {
    static final CycleState.Key<PreFilterState> KEY = new CycleState.Key<>("PreFilter" + InterPodAffinity.NAME);

    @Override
    public PreFilterState copy() {
        return new PreFilterState(existingAntiAffinityCounts.copy(), affinityCounts.copy(), antiAffinityCounts.copy(), podInfo, target);
    }
}
