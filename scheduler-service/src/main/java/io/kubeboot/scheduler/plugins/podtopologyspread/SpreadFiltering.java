package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.api.helpers.scheduling.RequiredNodeAffinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.helper.FilterScorePlugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hard (DoNotSchedule) half of PodTopologySpread: PreFilter counts matching pods per domain, Filter
 * checks {@code matching + self - globalMin <= maxSkew} for the node's domain, and the PreFilter extensions
 * keep the counts right when preemption adds or removes a pod (upstream's filtering.go). Stateless.
 */
final class SpreadFiltering implements FilterScorePlugin.Filtering {
    static final String ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
    static final String ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)";

    private final ConstraintSource constraints;
    private final Handle handle;
    private final MatchingPodCounts matchingPods;

    SpreadFiltering(ConstraintSource constraints, Handle handle, MatchingPodCounts matchingPods) {
        this.constraints = constraints;
        this.handle = handle;
        this.matchingPods = matchingPods;
    }

    @Override
    public PreFilterPlugin.Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> allNodes) {
        List<SpreadConstraint> cs;
        try {
            cs = constraints.forPod(pod.pod(), ConstraintSource.DO_NOT_SCHEDULE);
        } catch (StatusException e) {
            String which = ConstraintSource.hasOwnConstraints(pod.pod()) ? "obtaining pod's hard topology spread constraints"
                    : "setting default hard topology spread constraints";
            return PreFilterPlugin.Result.of(Status.error("get constraints from pod: " + which + ": " + e.getMessage()));
        }
        if (cs.isEmpty()) {
            return PreFilterPlugin.Result.of(Status.skip());
        }
        state.write(PreFilterState.KEY, calculate(pod.pod(), cs, allNodes));
        return PreFilterPlugin.Result.SUCCESS;
    }

    private PreFilterState calculate(Pod pod, List<SpreadConstraint> cs, List<NodeInfo> allNodes) {
        RequiredNodeAffinity requiredAffinity = RequiredNodeAffinity.of(pod);
        String namespace = pod.getMetadata().getNamespace();
        // per node: the topology value (null when the constraint does not count this node) and count per constraint
        String[][] values = new String[allNodes.size()][];
        int[][] counts = new int[allNodes.size()][];
        MatchingPodCounts.ForSelector[] matching = new MatchingPodCounts.ForSelector[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            matching[i] = matchingPods.forSelector(cs.get(i).selector(), namespace);
        }
        handle.parallelize(allNodes.size(), n -> {
            Node node = allNodes.get(n).node();
            if (node == null) {
                return;
            }
            Map<String, String> labels = NodeLabels.of(node);
            if (!SpreadConstraint.nodeHasAllTopologyKeys(labels, cs)) {
                return;
            }
            String[] v = new String[cs.size()];
            int[] c = new int[cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                SpreadConstraint constraint = cs.get(i);
                if (!constraint.matchesNodeInclusionPolicies(pod, node, requiredAffinity)) {
                    continue;
                }
                v[i] = labels.get(constraint.topologyKey());
                c[i] = matching[i].count(allNodes.get(n));
            }
            values[n] = v;
            counts[n] = c;
        });
        List<Map<String, Integer>> matchNums = new ArrayList<>(cs.size());
        for (int i = 0; i < cs.size(); i++) {
            matchNums.add(new HashMap<>());
        }
        for (int n = 0; n < allNodes.size(); n++) {
            if (values[n] == null) {
                continue;
            }
            for (int i = 0; i < cs.size(); i++) {
                if (values[n][i] != null) {
                    matchNums.get(i).merge(values[n][i], counts[n][i], Integer::sum);
                }
            }
        }
        List<CriticalPaths> paths = new ArrayList<>(cs.size());
        for (int i = 0; i < cs.size(); i++) {
            CriticalPaths p = new CriticalPaths();
            matchNums.get(i).forEach(p::update);
            paths.add(p);
        }
        return new PreFilterState(List.copyOf(cs), matchNums, paths);
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        PreFilterState s = state.read(PreFilterState.KEY);
        if (s == null) {
            return notFound();
        }
        if (s.constraints().isEmpty()) {
            return Status.success();
        }
        Node node = nodeInfo.node();
        if (node == null) {
            return Status.error("node not found");
        }
        Map<String, String> labels = NodeLabels.of(node);
        Map<String, String> podLabels = pod.labels();
        for (int i = 0; i < s.constraints().size(); i++) {
            SpreadConstraint c = s.constraints().get(i);
            String tpVal = labels.get(c.topologyKey());
            if (tpVal == null) {
                return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
            }
            int minMatchNum = s.minMatchNum(i, c.minDomains());
            int selfMatchNum = c.selector().matches(podLabels) ? 1 : 0;
            int matchNum = s.matchNums(i).getOrDefault(tpVal, 0);
            // long arithmetic: minMatchNum is MaxInt32 when no domain exists
            long skew = (long) matchNum + selfMatchNum - minMatchNum;
            if (skew > c.maxSkew()) {
                return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
            }
        }
        return Status.success();
    }

    @Override
    public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
        return update(state, podToAdd.pod(), podToSchedule.pod(), node.node(), 1);
    }

    @Override
    public Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
        return update(state, podToRemove.pod(), podToSchedule.pod(), node.node(), -1);
    }

    private Status update(CycleState state, Pod updatedPod, Pod preemptor, Node node, int delta) {
        PreFilterState s = state.read(PreFilterState.KEY);
        if (s == null) {
            return notFound();
        }
        if (node == null || !updatedPod.getMetadata().getNamespace().equals(preemptor.getMetadata().getNamespace())) {
            return Status.success();
        }
        Map<String, String> labels = NodeLabels.of(node);
        if (!SpreadConstraint.nodeHasAllTopologyKeys(labels, s.constraints())) {
            return Status.success();
        }
        RequiredNodeAffinity requiredAffinity = RequiredNodeAffinity.of(preemptor);
        Map<String, String> podLabels = updatedPod.getMetadata().getLabels() == null ? Map.of() : updatedPod.getMetadata().getLabels();
        for (int i = 0; i < s.constraints().size(); i++) {
            SpreadConstraint c = s.constraints().get(i);
            if (!c.selector().matches(podLabels) || !c.matchesNodeInclusionPolicies(preemptor, node, requiredAffinity)) {
                continue;
            }
            s.add(i, labels.get(c.topologyKey()), delta);
        }
        return Status.success();
    }

    private static Status notFound() {
        return Status.error("reading \"" + PreFilterState.KEY.name() + "\" from cycleState: not found");
    }
}
