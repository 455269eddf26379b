package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.Node;
import io.kubeboot.scheduler.framework.AffinityTerm;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.SharedLister;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.helper.FilterScorePlugin;

import java.util.List;
import java.util.Map;

/**
 * The required half of InterPodAffinity (upstream's filtering.go): PreFilter counts matches per topology
 * domain once, Filter checks the node's domains against the counts, and the PreFilter extensions adjust the
 * counts for preemption's added or removed pods. Stateless.
 */
final class AffinityFiltering implements FilterScorePlugin.Filtering {
    static final String ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
    static final String ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
    static final String ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

    private final Handle handle;

    AffinityFiltering(Handle handle) {
        this.handle = handle;
    }

    @Override
    public PreFilterPlugin.Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> allNodes) {
        if (pod.parseError() != null) {
            String why = AffinityParseErrors.of(pod.pod());
            return PreFilterPlugin.Result.of(Status.unresolvable("parsing pod: " + (why == null ? pod.parseError() : why)));
        }
        SharedLister snapshot = handle.snapshot();
        TermMatcher.Target target = TermMatcher.Target.of(pod.pod(), snapshot);
        TermCounts existingAnti = existingAntiAffinityCounts(target, snapshot.havePodsWithRequiredAntiAffinity());
        TermCounts affinity = new TermCounts();
        TermCounts anti = new TermCounts();
        if (!pod.requiredAffinityTerms().isEmpty() || !pod.requiredAntiAffinityTerms().isEmpty()) {
            incomingCounts(pod, allNodes, snapshot, affinity, anti);
        }
        if (existingAnti.isEmpty() && pod.requiredAffinityTerms().isEmpty() && pod.requiredAntiAffinityTerms().isEmpty()) {
            return PreFilterPlugin.Result.of(Status.skip());
        }
        state.write(PreFilterState.KEY, new PreFilterState(existingAnti, affinity, anti, pod, target));
        return PreFilterPlugin.Result.SUCCESS;
    }

    /** Domains where some existing pod's required anti-affinity term matches the incoming pod. */
    private TermCounts existingAntiAffinityCounts(TermMatcher.Target incoming, List<NodeInfo> nodes) {
        TermCounts[] perNode = new TermCounts[nodes.size()];
        handle.parallelize(nodes.size(), i -> {
            Node node = nodes.get(i).node();
            if (node == null) {
                return;
            }
            TermCounts c = new TermCounts();
            Map<String, String> labels = labels(node);
            for (PodInfo existing : nodes.get(i).podsWithRequiredAntiAffinity()) {
                c.updateWithAntiAffinityTerms(existing.requiredAntiAffinityTerms(), incoming, labels, 1);
            }
            perNode[i] = c;
        });
        TermCounts result = new TermCounts();
        for (TermCounts c : perNode) {
            if (c != null) {
                result.merge(c);
            }
        }
        return result;
    }

    /** Domains of existing pods matching all the incoming pod's affinity terms, and each of its anti-affinity terms. */
    private void incomingCounts(PodInfo pod, List<NodeInfo> nodes, SharedLister snapshot, TermCounts affinity, TermCounts anti) {
        TermCounts[] aff = new TermCounts[nodes.size()];
        TermCounts[] antiAff = new TermCounts[nodes.size()];
        handle.parallelize(nodes.size(), i -> {
            Node node = nodes.get(i).node();
            if (node == null) {
                return;
            }
            Map<String, String> labels = labels(node);
            TermCounts a = new TermCounts();
            TermCounts aa = new TermCounts();
            for (PodInfo existing : nodes.get(i).pods()) {
                TermMatcher.Target t = TermMatcher.Target.of(existing.pod(), snapshot);
                a.updateWithAffinityTerms(pod.requiredAffinityTerms(), t, labels, 1);
                aa.updateWithAntiAffinityTerms(pod.requiredAntiAffinityTerms(), t, labels, 1);
            }
            aff[i] = a;
            antiAff[i] = aa;
        });
        for (int i = 0; i < nodes.size(); i++) {
            if (aff[i] != null) {
                affinity.merge(aff[i]);
                anti.merge(antiAff[i]);
            }
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        PreFilterState s = state.read(PreFilterState.KEY);
        if (s == null) {
            return notFound();
        }
        Node node = nodeInfo.node();
        if (node == null) {
            return Status.error("node not found");
        }
        Map<String, String> labels = labels(node);
        if (!satisfiesPodAffinity(s, labels)) {
            return Status.unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
        }
        if (!satisfiesPodAntiAffinity(s, labels)) {
            return Status.unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
        }
        if (!satisfiesExistingPodsAntiAffinity(s, labels)) {
            return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
        }
        return Status.success();
    }

    private static boolean satisfiesExistingPodsAntiAffinity(PreFilterState s, Map<String, String> nodeLabels) {
        if (s.existingAntiAffinityCounts().isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> l : nodeLabels.entrySet()) {
            if (s.existingAntiAffinityCounts().get(l.getKey(), l.getValue()) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean satisfiesPodAntiAffinity(PreFilterState s, Map<String, String> nodeLabels) {
        if (s.antiAffinityCounts().isEmpty()) {
            return true;
        }
        for (AffinityTerm t : s.podInfo().requiredAntiAffinityTerms()) {
            String value = nodeLabels.get(t.topologyKey());
            if (value != null && s.antiAffinityCounts().get(t.topologyKey(), value) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean satisfiesPodAffinity(PreFilterState s, Map<String, String> nodeLabels) {
        boolean podsExist = true;
        for (AffinityTerm t : s.podInfo().requiredAffinityTerms()) {
            String value = nodeLabels.get(t.topologyKey());
            if (value == null) {
                return false; // every topology key must be on the node
            }
            if (s.affinityCounts().get(t.topologyKey(), value) <= 0) {
                podsExist = false;
            }
        }
        if (podsExist) {
            return true;
        }
        // The first pod of a group with affinity to itself: no pod anywhere matches the terms yet, but the
        // pod matches its own terms, so it may start the group on any node having the topology keys.
        return s.affinityCounts().isEmpty() && TermMatcher.matchesAll(s.podInfo().requiredAffinityTerms(), s.target());
    }

    @Override
    public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
        return update(state, podToAdd, node, 1);
    }

    @Override
    public Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
        return update(state, podToRemove, node, -1);
    }

    private Status update(CycleState state, PodInfo updated, NodeInfo nodeInfo, long delta) {
        PreFilterState s = state.read(PreFilterState.KEY);
        if (s == null) {
            return notFound();
        }
        if (nodeInfo.node() == null) {
            return Status.success();
        }
        Map<String, String> labels = labels(nodeInfo.node());
        TermMatcher.Target updatedTarget = TermMatcher.Target.of(updated.pod(), handle.snapshot());
        s.existingAntiAffinityCounts().updateWithAntiAffinityTerms(updated.requiredAntiAffinityTerms(), s.target(), labels, delta);
        s.affinityCounts().updateWithAffinityTerms(s.podInfo().requiredAffinityTerms(), updatedTarget, labels, delta);
        s.antiAffinityCounts().updateWithAntiAffinityTerms(s.podInfo().requiredAntiAffinityTerms(), updatedTarget, labels, delta);
        return Status.success();
    }

    static Map<String, String> labels(Node node) {
        Map<String, String> l = node.getMetadata() == null ? null : node.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }

    private static Status notFound() {
        return Status.error("error reading \"" + PreFilterState.KEY.name() + "\" from cycleState: not found");
    }
}
