package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.ScorePlugin;

import java.util.List;

/**
 * Upstream's {@code leastResourceScorer}: favors nodes with more free capacity, the weighted mean of
 * {@code (capacity - requested) * 100 / capacity} per resource (0 once requested exceeds capacity), in
 * integer arithmetic.
 */
final class LeastAllocatedScorer implements ResourceScorer {
    private final long[] weights;

    LeastAllocatedScorer(List<ResourceSpec> resources) {
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
            nodeScore += leastRequestedScore(requested[i], allocatable[i]) * weights[i];
            weightSum += weights[i];
        }
        return weightSum == 0 ? 0 : nodeScore / weightSum;
    }

    static long leastRequestedScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * ScorePlugin.MAX_NODE_SCORE / capacity;
    }
}
