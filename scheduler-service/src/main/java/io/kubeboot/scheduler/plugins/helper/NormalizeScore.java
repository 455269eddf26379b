package io.kubeboot.scheduler.plugins.helper;

import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.Status;

/** Score normalization shared by plugins, as upstream's {@code pkg/scheduler/framework/plugins/helper}. */
public final class NormalizeScore {
    private NormalizeScore() {
    }

    /**
     * Upstream {@code DefaultNormalizeScore}: scales the scores from [0, max(scores)] to [0, maxPriority]
     * in place (integer division, as Go), then with {@code reverse} turns each into
     * {@code maxPriority - score}. When every score is 0 they stay 0, or all become maxPriority with
     * {@code reverse}. Scores are assumed non-negative.
     */
    public static Status defaultNormalize(long maxPriority, boolean reverse, NodeScores scores) {
        long maxCount = 0;
        for (int i = 0; i < scores.size(); i++) {
            maxCount = Math.max(maxCount, scores.score(i));
        }
        if (maxCount == 0) {
            if (reverse) {
                for (int i = 0; i < scores.size(); i++) {
                    scores.set(i, maxPriority);
                }
            }
            return Status.success();
        }
        for (int i = 0; i < scores.size(); i++) {
            long score = maxPriority * scores.score(i) / maxCount;
            scores.set(i, reverse ? maxPriority - score : score);
        }
        return Status.success();
    }
}
