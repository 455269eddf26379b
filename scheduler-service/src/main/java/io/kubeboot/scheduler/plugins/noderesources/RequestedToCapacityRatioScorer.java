package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.ScorePlugin;

import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's {@code requestedToCapacityRatioScorer}: each resource's utilization (0..100, integer,
 * 100 when over capacity) goes through the configured shape, whose 0..10 scores are scaled to 0..100;
 * the node score is the weighted mean over the resources that scored above 0, rounded half away from
 * zero.
 */
final class RequestedToCapacityRatioScorer extends WeightedResourceScorer {
    private static final long MAX_UTILIZATION = 100;

    private final BrokenLinearFunction function;

    RequestedToCapacityRatioScorer(List<ResourceSpec> resources, List<NodeResourcesFitArgs.ShapePoint> shape) {
        super(resources);
        List<BrokenLinearFunction.Point> points = new ArrayList<>(shape.size());
        long scale = ScorePlugin.MAX_NODE_SCORE / NodeResourcesFitArgs.MAX_CUSTOM_PRIORITY_SCORE;
        for (NodeResourcesFitArgs.ShapePoint p : shape) {
            points.add(new BrokenLinearFunction.Point(p.utilization(), p.score() * scale));
        }
        this.function = new BrokenLinearFunction(points);
    }

    /** As upstream: a resource that scores 0 takes no part in the mean. */
    @Override
    boolean countsZeroScores() {
        return false;
    }

    /** As upstream: rounded half away from zero (the sums are never negative). */
    @Override
    long mean(long weightedSum, long weightSum) {
        return Math.round((double) weightedSum / weightSum);
    }

    @Override
    long resourceScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return function.apply(MAX_UTILIZATION);
        }
        return function.apply(requested * MAX_UTILIZATION / capacity);
    }
}
