package io.kubeboot.scheduler.framework;

import java.util.List;

/**
 * Runs once per cycle before Score with the nodes that passed Filter; precomputes into the state. A SKIP
 * status skips this plugin's Score for the cycle.
 */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes);
}
