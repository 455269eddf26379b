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
final class RequestedToCapacityRatioScorer implements ResourceScorer {
    private static final long MAX_UTILIZATION = 100;

    private final long[] weights;
    private final BrokenLinearFunction function;

    RequestedToCapacityRatioScorer(List<ResourceSpec> resources, List<NodeResourcesFitArgs.ShapePoint> shape) {
        this.weights = resources.stream().mapToLong(ResourceSpec::weight).toArray();
        List<BrokenLinearFunction.Point> points = new ArrayList<>(shape.size());
        long scale = ScorePlugin.MAX_NODE_SCORE / NodeResourcesFitArgs.MAX_CUSTOM_PRIORITY_SCORE;
        for (NodeResourcesFitArgs.ShapePoint p : shape) {
            points.add(new BrokenLinearFunction.Point(p.utilization(), p.score() * scale));
        }
        this.function = new BrokenLinearFunction(points);
    }

    @Override
    public long score(long[] requested, long[] allocatable) {
        long nodeScore = 0;
        long weightSum = 0;
        for (int i = 0; i < requested.length; i++) {
            if (allocatable[i] == 0) {
                continue;
            }
            long resourceScore = resourceScore(requested[i], allocatable[i]);
            if (resourceScore > 0) {
                nodeScore += resourceScore * weights[i];
                weightSum += weights[i];
            }
        }
        if (weightSum == 0) {
            return 0;
        }
        return Math.round((double) nodeScore / weightSum);
    }

    private long resourceScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return function.apply(MAX_UTILIZATION);
        }
        return function.apply(requested * MAX_UTILIZATION / capacity);
    }
}
