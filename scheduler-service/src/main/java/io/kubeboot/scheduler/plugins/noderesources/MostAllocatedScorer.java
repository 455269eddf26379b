package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.ScorePlugin;

import java.util.List;

/**
 * Upstream's {@code mostResourceScorer}: favors fuller nodes (bin packing), the weighted mean of
 * {@code requested * 100 / capacity} per resource, requested capped at capacity (pods without requests
 * count the non-zero defaults and may overshoot), in integer arithmetic.
 */
final class MostAllocatedScorer implements ResourceScorer {
    private final long[] weights;

    MostAllocatedScorer(List<ResourceSpec> resources) {
        this.weights = resources.stream().mapToLong(ResourceSpec::weight).toArray();
    }

    @Override
    public long score(long[] requested, long[] allocatable) {
        long nodeScore = 0;
        long weightSum = 0;
        for (int i = 0; i < requested.length; i++) {
            if (allocatable[i] == 0) {
                continue;
            }
            nodeScore += mostRequestedScore(requested[i], allocatable[i]) * weights[i];
            weightSum += weights[i];
        }
        return weightSum == 0 ? 0 : nodeScore / weightSum;
    }

    static long mostRequestedScore(long requested, long capacity) {
        if (capacity == 0) {
            return 0;
        }
        return Math.min(requested, capacity) * ScorePlugin.MAX_NODE_SCORE / capacity;
    }
}
