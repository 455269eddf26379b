package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.ScorePlugin;

import java.util.List;

/**
 * Upstream's {@code leastResourceScorer}: favors nodes with more free capacity, the weighted mean of
 * {@code (capacity - requested) * 100 / capacity} per resource (0 once requested exceeds capacity), in
 * integer arithmetic.
 */
final class LeastAllocatedScorer extends WeightedResourceScorer {

    LeastAllocatedScorer(List<ResourceSpec> resources) {
        super(resources);
    }

    @Override
    long resourceScore(long requested, long capacity) {
        return leastRequestedScore(requested, capacity);
    }

    static long leastRequestedScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * ScorePlugin.MAX_NODE_SCORE / capacity;
    }
}
