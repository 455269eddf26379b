package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.scheduler.framework.CycleState;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PreScore computes for Score and NormalizeScore, as upstream's {@code preScoreState}: the soft
 * constraints, the feasible nodes that lack a topology key (scored 0), the matching pods per topology value
 * (hostname constraints are counted per node in Score instead) and each constraint's normalizing weight
 * {@code ln(domains + 2)}, and per constraint the remembered per-node counts of matching pods. Immutable after PreScore except for the counters, which PreScore fills in
 * parallel before publishing the state.
 */
record PreScoreState(List<SpreadConstraint> constraints, Set<String> ignoredNodes,
                     List<Map<String, AtomicLong>> topologyValueToPodCounts, double[] topologyNormalizingWeight,
                     List<MatchingPodCounts.ForSelector> matching)
        implements CycleState.StateData {
    static final CycleState.Key<PreScoreState> KEY = new CycleState.Key<>("PreScore" + PodTopologySpread.NAME);

    /** Not copied, as upstream: nothing changes it after PreScore. */
    @Override
    public PreScoreState copy() {
        return this;
    }
}
