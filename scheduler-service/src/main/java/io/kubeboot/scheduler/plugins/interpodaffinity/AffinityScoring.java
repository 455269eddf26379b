package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.kubeboot.scheduler.framework.AffinityTerm;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.SharedLister;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.helper.FilterScorePlugin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The preferred half of InterPodAffinity (upstream's scoring.go): for every existing pod, the incoming
 * pod's preferred (anti-)affinity terms it matches, the existing pod's required affinity terms (weighted
 * {@code hardPodAffinityWeight}) and its preferred (anti-)affinity terms the incoming pod matches add or
 * subtract their weight to the existing pod's topology domains; a node scores the sum over its domains,
 * normalized min-max to 0..100. Stateless.
 */
final class AffinityScoring implements FilterScorePlugin.Scoring {
    private final Handle handle;
    private final InterPodAffinityArgs args;

    AffinityScoring(Handle handle, InterPodAffinityArgs args) {
        this.handle = handle;
        this.args = args;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        if (feasibleNodes.isEmpty()) {
            return Status.skip();
        }
        boolean hasConstraints = !pod.preferredAffinityTerms().isEmpty() || !pod.preferredAntiAffinityTerms().isEmpty();
        if (args.ignorePreferredTermsOfExistingPods() && !hasConstraints) {
            return Status.skip();
        }
        if (pod.parseError() != null) {
            String why = AffinityParseErrors.of(pod.pod());
            return Status.error("failed to parse pod: " + (why == null ? pod.parseError() : why));
        }
        SharedLister snapshot = handle.snapshot();
        // Unless the incoming pod has preferred terms, only pods with affinity terms can contribute.
        List<NodeInfo> nodes = hasConstraints ? snapshot.nodeInfos() : snapshot.havePodsWithAffinity();
        TermMatcher.Target incoming = TermMatcher.Target.of(pod.pod(), snapshot);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>>[] perNode = new Map[nodes.size()];
        handle.parallelize(nodes.size(), i -> {
            NodeInfo info = nodes.get(i);
            if (info.node() == null) {
                return;
            }
            Map<String, Map<String, Long>> topoScore = new HashMap<>();
            for (PodInfo existing : hasConstraints ? info.pods() : info.podsWithAffinity()) {
                processExistingPod(pod, incoming, existing, AffinityFiltering.labels(info.node()), snapshot, topoScore);
            }
            if (!topoScore.isEmpty()) {
                perNode[i] = topoScore;
            }
        });
        Map<String, Map<String, Long>> total = new HashMap<>();
        for (Map<String, Map<String, Long>> m : perNode) {
            if (m != null) {
                m.forEach((key, values) -> values.forEach((v, s) -> total.computeIfAbsent(key, k -> new HashMap<>()).merge(v, s, Long::sum)));
            }
        }
        if (total.isEmpty()) {
            return Status.skip();
        }
        state.write(PreScoreState.KEY, new PreScoreState(total));
        return Status.success();
    }

    private void processExistingPod(PodInfo pod, TermMatcher.Target incoming, PodInfo existing, Map<String, String> nodeLabels,
                                    SharedLister snapshot, Map<String, Map<String, Long>> topoScore) {
        if (nodeLabels.isEmpty()) {
            return;
        }
        TermMatcher.Target existingTarget = TermMatcher.Target.of(existing.pod(), snapshot);
        processTerms(pod.preferredAffinityTerms(), existingTarget, nodeLabels, 1, topoScore);
        processTerms(pod.preferredAntiAffinityTerms(), existingTarget, nodeLabels, -1, topoScore);
        if (args.hardPodAffinityWeight() > 0) {
            for (AffinityTerm t : existing.requiredAffinityTerms()) {
                processTerm(t, args.hardPodAffinityWeight(), incoming, nodeLabels, 1, topoScore);
            }
        }
        processTerms(existing.preferredAffinityTerms(), incoming, nodeLabels, 1, topoScore);
        processTerms(existing.preferredAntiAffinityTerms(), incoming, nodeLabels, -1, topoScore);
    }

    private static void processTerms(List<AffinityTerm.Weighted> terms, TermMatcher.Target target, Map<String, String> nodeLabels,
                                     int multiplier, Map<String, Map<String, Long>> topoScore) {
        for (AffinityTerm.Weighted w : terms) {
            processTerm(w.term(), w.weight(), target, nodeLabels, multiplier, topoScore);
        }
    }

    private static void processTerm(AffinityTerm term, int weight, TermMatcher.Target target, Map<String, String> nodeLabels,
                                    int multiplier, Map<String, Map<String, Long>> topoScore) {
        if (!TermMatcher.matches(term, target)) {
            return;
        }
        String value = nodeLabels.get(term.topologyKey());
        if (value != null) {
            topoScore.computeIfAbsent(term.topologyKey(), k -> new HashMap<>()).merge(value, (long) weight * multiplier, Long::sum);
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        PreScoreState s = state.read(PreScoreState.KEY);
        if (s == null) {
            throw new PluginException(Status.error("failed to read \"" + PreScoreState.KEY.name() + "\" from cycleState: not found"));
        }
        Map<String, String> labels = AffinityFiltering.labels(nodeInfo.node());
        long score = 0;
        for (Map.Entry<String, Map<String, Long>> e : s.topologyScore().entrySet()) {
            String v = labels.get(e.getKey());
            if (v != null) {
                score += e.getValue().getOrDefault(v, 0L);
            }
        }
        return score;
    }

    @Override
    public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        PreScoreState s = state.read(PreScoreState.KEY);
        if (s == null) {
            return Status.error("failed to read \"" + PreScoreState.KEY.name() + "\" from cycleState: not found");
        }
        if (s.topologyScore().isEmpty()) {
            return Status.success();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < scores.size(); i++) {
            min = Math.min(min, scores.score(i));
            max = Math.max(max, scores.score(i));
        }
        long diff = max - min;
        for (int i = 0; i < scores.size(); i++) {
            double f = diff > 0 ? ScorePlugin.MAX_NODE_SCORE * ((double) (scores.score(i) - min) / diff) : 0;
            scores.set(i, (long) f);
        }
        return Status.success();
    }
}
