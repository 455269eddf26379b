package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.scheduler.framework.CycleState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What PreFilter computes for Filter, as upstream's {@code preFilterState}: for each hard constraint
 * (same index as {@link #constraints()}), the number of matching pods per topology value of the eligible
 * nodes, and the critical paths (values with the fewest matches). An empty constraint list is a legal
 * state that lets every node pass.
 *
 * <p>Filter only reads it (concurrently); the PreFilter extensions change a {@link #copy()} on one thread.
 */
final class PreFilterState implements CycleState.StateData {
    static final CycleState.Key<PreFilterState> KEY = new CycleState.Key<>("PreFilter" + PodTopologySpread.NAME);

    private final List<SpreadConstraint> constraints;
    private final List<Map<String, Integer>> tpValueToMatchNum;
    private final List<CriticalPaths> criticalPaths;

    PreFilterState(List<SpreadConstraint> constraints, List<Map<String, Integer>> tpValueToMatchNum,
                   List<CriticalPaths> criticalPaths) {
        this.constraints = constraints;
        this.tpValueToMatchNum = tpValueToMatchNum;
        this.criticalPaths = criticalPaths;
    }

    static PreFilterState empty() {
        return new PreFilterState(List.of(), List.of(), List.of());
    }

    List<SpreadConstraint> constraints() {
        return constraints;
    }

    /** Matching pods per topology value of constraint {@code i}; read only for callers. */
    Map<String, Integer> matchNums(int i) {
        return tpValueToMatchNum.get(i);
    }

    CriticalPaths criticalPaths(int i) {
        return criticalPaths.get(i);
    }

    /** The global minimum for the skew: 0 while fewer than minDomains domains exist. */
    int minMatchNum(int i, int minDomains) {
        if (tpValueToMatchNum.get(i).size() < minDomains) {
            return 0;
        }
        return criticalPaths.get(i).num(0);
    }

    /** Adds {@code delta} matching pods at {@code value} for constraint {@code i}. */
    void add(int i, String value, int delta) {
        int n = tpValueToMatchNum.get(i).merge(value, delta, Integer::sum);
        criticalPaths.get(i).update(value, n);
    }

    @Override
    public PreFilterState copy() {
        List<Map<String, Integer>> counts = new ArrayList<>(tpValueToMatchNum.size());
        tpValueToMatchNum.forEach(m -> counts.add(new HashMap<>(m)));
        List<CriticalPaths> paths = new ArrayList<>(criticalPaths.size());
        criticalPaths.forEach(p -> paths.add(p.copy()));
        // constraints never change after PreFilter, so they are shared
        return new PreFilterState(constraints, counts, paths);
    }
}
