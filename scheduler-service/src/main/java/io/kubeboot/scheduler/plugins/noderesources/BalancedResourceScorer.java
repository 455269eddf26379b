package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.ScorePlugin;

/**
 * Upstream's {@code balancedResourceScorer}: {@code (1 - std) * 100} truncated, where std is the
 * standard deviation of the requested fractions (each capped at 1) of the resources the node has; for
 * two resources that is half their difference, for one or none it is 0.
 */
final class BalancedResourceScorer implements ResourceScorer {

    @Override
    public long score(long[] requested, long[] allocatable) {
        double[] fractions = new double[requested.length];
        int n = 0;
        double total = 0;
        for (int i = 0; i < requested.length; i++) {
            if (allocatable[i] == 0) {
                continue;
            }
            double fraction = Math.min(1, (double) requested[i] / (double) allocatable[i]);
            total += fraction;
            fractions[n++] = fraction;
        }
        double std = 0;
        if (n == 2) {
            std = Math.abs((fractions[0] - fractions[1]) / 2);
        } else if (n > 2) {
            double mean = total / n;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (fractions[i] - mean) * (fractions[i] - mean);
            }
            std = Math.sqrt(sum / n);
        }
        return (long) ((1 - std) * ScorePlugin.MAX_NODE_SCORE);
    }
}
