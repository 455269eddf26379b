package io.kubeboot.scheduler.core;

import java.util.random.RandomGenerator;

/** The pure arithmetic of a scheduling cycle, as upstream's schedule_one.go helpers. Stateless. */
public final class NodeSelection {
    /** Below this many nodes every node is evaluated (upstream's minFeasibleNodesToFind). */
    public static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    /** The adaptive percentage never goes under this (upstream's minFeasibleNodesPercentageToFind). */
    public static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private NodeSelection() {
    }

    /**
     * How many feasible nodes are enough to stop filtering: all of a small cluster; else the configured
     * percentage, or adaptively 50% minus 1% per 125 nodes (at least 5%), and never under 100 nodes.
     */
    public static int numFeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) {
            return numAllNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage <= 0) {
            percentage = 50 - numAllNodes / 125;
            if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
                percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
            }
        }
        int numNodes = (int) ((long) numAllNodes * percentage / 100);
        return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
    }

    /**
     * The index of the highest total; among equal totals each is chosen with equal probability
     * (reservoir sampling, as upstream's selectHost). -1 for no nodes.
     */
    public static int selectHost(long[] totals, RandomGenerator random) {
        int best = -1;
        int ties = 0;
        for (int i = 0; i < totals.length; i++) {
            if (best < 0 || totals[i] > totals[best]) {
                best = i;
                ties = 1;
            } else if (totals[i] == totals[best]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return best;
    }
}
