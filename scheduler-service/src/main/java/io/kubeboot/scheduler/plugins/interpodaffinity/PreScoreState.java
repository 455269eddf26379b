package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.kubeboot.scheduler.framework.CycleState;

import java.util.Map;

/**
 * What PreScore computes for Score, as upstream's {@code preScoreState}: the summed term weights per
 * topology key and value. Immutable after PreScore, hence not copied.
 */
record PreScoreState(Map<String, Map<String, Long>> topologyScore) implements CycleState.StateData {
    static final CycleState.Key<PreScoreState> KEY = new CycleState.Key<>("PreScore" + InterPodAffinity.NAME);

    @Override
    public PreScoreState copy() {
        return this;
    }
}
