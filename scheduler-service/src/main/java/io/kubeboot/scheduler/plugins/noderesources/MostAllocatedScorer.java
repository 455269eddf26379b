package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.ScorePlugin;

import java.util.List;

/**
 * Upstream's {@code mostResourceScorer}: favors fuller nodes (bin packing), the weighted mean of
 * {@code requested * 100 / capacity} per resource, requested capped at capacity (pods without requests
 * count the non-zero defaults and may overshoot), in integer arithmetic.
 */
final class MostAllocatedScorer extends WeightedResourceScorer {

    MostAllocatedScorer(List<ResourceSpec> resources) {
        super(resources);
    }

    @Override
    long resourceScore(long requested, long capacity) {
        return mostRequestedScore(requested, capacity);
    }

    static long mostRequestedScore(long requested, long capacity) {
        if (capacity == 0) {
            return 0;
        }
        return Math.min(requested, capacity) * ScorePlugin.MAX_NODE_SCORE / capacity;
    }
}
