package io.kubeboot.scheduler.plugins.noderesources;

import java.util.List;

/**
 * The loop upstream's NodeResourcesFit strategies share: the weighted mean of a per-resource score over
 * the resources that take part (allocatable above 0). Subclasses give the per-resource score and may
 * leave out resources that score 0 or round the mean instead of truncating it.
 */
abstract class WeightedResourceScorer implements ResourceScorer {
    private final long[] weights;

    WeightedResourceScorer(List<ResourceSpec> resources) {
        this.weights = resources.stream().mapToLong(ResourceSpec::weight).toArray();
    }

    /** The score of one resource; {@code capacity} is above 0. */
    abstract long resourceScore(long requested, long capacity);

    /** Whether a resource that scores 0 (or less) still counts its weight: true unless overridden. */
    boolean countsZeroScores() {
        return true;
    }

    /** The mean from the weighted sum and the sum of weights (above 0): integer division unless overridden. */
    long mean(long weightedSum, long weightSum) {
        return weightedSum / weightSum;
    }

    @Override
    public final long score(long[] requested, long[] allocatable) {
        long nodeScore = 0;
        long weightSum = 0;
        for (int i = 0; i < requested.length; i++) {
            if (allocatable[i] == 0) {
                continue;
            }
            long resourceScore = resourceScore(requested[i], allocatable[i]);
            if (resourceScore <= 0 && !countsZeroScores()) {
                continue;
            }
            nodeScore += resourceScore * weights[i];
            weightSum += weights[i];
        }
        return weightSum == 0 ? 0 : mean(nodeScore, weightSum);
    }
}
