package io.kubeboot.scheduler.framework;

/**
 * Ranks a feasible node: 0 to {@link #MAX_NODE_SCORE} after normalization. Called concurrently for
 * different nodes. Failures throw {@link PluginException}; the hot path returns a plain long.
 */
public interface ScorePlugin extends Plugin {
    long MAX_NODE_SCORE = 100;
    long MIN_NODE_SCORE = 0;

    long score(CycleState state, PodInfo pod, NodeInfo node);

    /**
     * NormalizeScore: rewrites the raw scores of all feasible nodes in place into 0..100; the default does
     * nothing (the plugin's scores are in range already).
     */
    default Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        return Status.success();
    }
}
