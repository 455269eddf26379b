package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.api.helpers.scheduling.RequiredNodeAffinity;
import io.fabric8.kubernetes.api.model.Node;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.helper.FilterScorePlugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soft (ScheduleAnyway) half of PodTopologySpread (upstream's scoring.go): a node's raw score is
 * {@code sum(matching pods in its domain * ln(domains + 2) + maxSkew - 1)} over the constraints, and
 * NormalizeScore turns fewer matches into a higher score. Stateless.
 */
final class SpreadScoring implements FilterScorePlugin.Scoring {
    static final String HOSTNAME = "kubernetes.io/hostname";
    private static final long INVALID_SCORE = -1;

    private final ConstraintSource constraints;
    private final Handle handle;
    private final boolean systemDefaulted;
    private final MatchingPodCounts matchingPods;

    SpreadScoring(ConstraintSource constraints, Handle handle, boolean systemDefaulted, MatchingPodCounts matchingPods) {
        this.constraints = constraints;
        this.handle = handle;
        this.systemDefaulted = systemDefaulted;
        this.matchingPods = matchingPods;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> filteredNodes) {
        List<NodeInfo> allNodes = handle.snapshot().nodeInfos();
        if (allNodes.isEmpty()) {
            return Status.skip();
        }
        List<SpreadConstraint> cs;
        try {
            cs = constraints.forPod(pod.pod(), ConstraintSource.SCHEDULE_ANYWAY);
        } catch (StatusException e) {
            String which = ConstraintSource.hasOwnConstraints(pod.pod()) ? "obtaining pod's soft topology spread constraints"
                    : "setting default soft topology spread constraints";
            return Status.error("calculating preScoreState: " + which + ": " + e.getMessage());
        }
        if (cs.isEmpty()) {
            return Status.skip();
        }
        // Only pods with their own (or non-system) constraints need every topology key on a node; this
        // keeps hostname spreading for nodes without a zone label under the system defaults.
        boolean requireAllTopologies = ConstraintSource.hasOwnConstraints(pod.pod()) || !systemDefaulted;

        Set<String> ignored = new HashSet<>();
        List<Map<String, AtomicLong>> counts = new ArrayList<>(cs.size());
        for (int i = 0; i < cs.size(); i++) {
            counts.add(new HashMap<>());
        }
        for (NodeInfo n : filteredNodes) {
            Map<String, String> labels = NodeLabels.of(n.node());
            if (requireAllTopologies && !SpreadConstraint.nodeHasAllTopologyKeys(labels, cs)) {
                ignored.add(n.nodeName());
                continue;
            }
            for (int i = 0; i < cs.size(); i++) {
                String key = cs.get(i).topologyKey();
                if (!HOSTNAME.equals(key)) {
                    // a missing label is Go's zero value "", a domain of its own
                    counts.get(i).computeIfAbsent(labels.getOrDefault(key, ""), k -> new AtomicLong());
                }
            }
        }
        double[] weights = new double[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            int size = HOSTNAME.equals(cs.get(i).topologyKey()) ? filteredNodes.size() - ignored.size() : counts.get(i).size();
            weights[i] = Math.log(size + 2);
        }

        RequiredNodeAffinity requiredAffinity = RequiredNodeAffinity.of(pod.pod());
        String namespace = pod.namespace();
        List<MatchingPodCounts.ForSelector> matching = new ArrayList<>(cs.size());
        for (SpreadConstraint c : cs) {
            matching.add(matchingPods.forSelector(c.selector(), namespace));
        }
        handle.parallelize(allNodes.size(), n -> {
            NodeInfo info = allNodes.get(n);
            Node node = info.node();
            if (node == null) {
                return;
            }
            Map<String, String> labels = NodeLabels.of(node);
            if (requireAllTopologies && !SpreadConstraint.nodeHasAllTopologyKeys(labels, cs)) {
                return;
            }
            for (int i = 0; i < cs.size(); i++) {
                SpreadConstraint c = cs.get(i);
                if (!c.matchesNodeInclusionPolicies(pod.pod(), node, requiredAffinity)) {
                    continue;
                }
                AtomicLong tpCount = counts.get(i).get(labels.getOrDefault(c.topologyKey(), ""));
                if (tpCount != null) {
                    tpCount.addAndGet(matching.get(i).count(info));
                }
            }
        });
        state.write(PreScoreState.KEY, new PreScoreState(List.copyOf(cs), ignored, counts, weights, List.copyOf(matching)));
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        PreScoreState s = state.read(PreScoreState.KEY);
        if (s == null) {
            throw new PluginException(notFound());
        }
        Node node = nodeInfo.node();
        if (s.ignoredNodes().contains(nodeInfo.nodeName())) {
            return 0;
        }
        Map<String, String> labels = NodeLabels.of(node);
        double score = 0;
        for (int i = 0; i < s.constraints().size(); i++) {
            SpreadConstraint c = s.constraints().get(i);
            String tpVal = labels.get(c.topologyKey());
            if (tpVal == null) {
                continue;
            }
            long cnt;
            if (HOSTNAME.equals(c.topologyKey())) {
                cnt = s.matching().get(i).count(nodeInfo);
            } else {
                AtomicLong a = s.topologyValueToPodCounts().get(i).get(tpVal);
                cnt = a == null ? 0 : a.get();
            }
            score += cnt * s.topologyNormalizingWeight()[i] + (c.maxSkew() - 1);
        }
        return Math.round(score);
    }

    @Override
    public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        PreScoreState s = state.read(PreScoreState.KEY);
        if (s == null) {
            return notFound();
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (s.ignoredNodes().contains(scores.name(i))) {
                scores.set(i, INVALID_SCORE);
                continue;
            }
            min = Math.min(min, scores.score(i));
            max = Math.max(max, scores.score(i));
        }
        for (int i = 0; i < scores.size(); i++) {
            long v = scores.score(i);
            if (v == INVALID_SCORE) {
                scores.set(i, 0);
            } else if (max == 0) {
                scores.set(i, ScorePlugin.MAX_NODE_SCORE);
            } else {
                scores.set(i, ScorePlugin.MAX_NODE_SCORE * (max + min - v) / max);
            }
        }
        return Status.success();
    }

    private static Status notFound() {
        return Status.error("error reading \"" + PreScoreState.KEY.name() + "\" from cycleState: not found");
    }
}
