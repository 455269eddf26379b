package io.kubeboot.scheduler.framework.runtime;

import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Scores nodes from a fixed table (missing nodes score 0), optionally rewriting each score in
 * NormalizeScore, or failing in either. Score only: not a rejecting plugin, so it registers no events.
 */
final class TestScorePlugin implements ScorePlugin {
    private final String name;
    private final Map<String, Long> scores;
    LongUnaryOperator normalize;
    Status scoreFailure;
    Status normalizeFailure;

    TestScorePlugin(String name, Map<String, Long> scores) {
        this.name = name;
        this.scores = scores;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        if (scoreFailure != null) {
            throw new PluginException(scoreFailure);
        }
        return scores.getOrDefault(node.nodeName(), 0L);
    }

    @Override
    public Status normalizeScore(CycleState state, PodInfo pod, NodeScores s) {
        if (normalizeFailure != null) {
            return normalizeFailure;
        }
        if (normalize != null) {
            for (int i = 0; i < s.size(); i++) {
                s.set(i, normalize.applyAsLong(s.score(i)));
            }
        }
        return Status.success();
    }
}
