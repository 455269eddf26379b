package io.kubeboot.scheduler.plugins.nodeaffinity;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.kubeboot.api.helpers.scheduling.NodeSelectors;
import io.kubeboot.api.helpers.scheduling.PreferredSchedulingTerms;
import io.kubeboot.api.helpers.scheduling.RequiredNodeAffinity;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.helper.NormalizeScore;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pod node affinity, as upstream's NodeAffinity plugin: Filter enforces {@code spec.nodeSelector} and
 * the required node-affinity terms (plus the profile's {@code addedAffinity}); Score sums the weights of
 * the matching preferred terms, normalized to 0..100. PreFilter narrows the candidate nodes when every
 * required term pins {@code metadata.name}.
 *
 * <p>Thread safe: the parsed {@code addedAffinity} is immutable, per-pod data lives in the cycle state.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static final String NAME = "NodeAffinity";
    public static final String ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
    public static final String ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
    public static final String ERR_REASON_CONFLICT = "pod affinity terms conflict";

    private static final CycleState.Key<PreFilterState> PRE_FILTER_KEY = new CycleState.Key<>("PreFilter" + NAME);
    private static final CycleState.Key<PreScoreState> PRE_SCORE_KEY = new CycleState.Key<>("PreScore" + NAME);

    /** Not affected by adding or removing pods, so the copy is the same object. */
    private record PreFilterState(RequiredNodeAffinity required) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    /** @param preferred null when the pod has no preferred node-affinity terms */
    private record PreScoreState(PreferredSchedulingTerms preferred) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    private final NodeSelectors addedNodeSelector;
    private final PreferredSchedulingTerms addedPreferred;

    /**
     * @param args {@code NodeAffinityArgs}: an optional {@code addedAffinity} (a v1.NodeAffinity, as a
     *             JSON-like map or the model object) applied to every pod of the profile
     * @throws IllegalArgumentException when {@code addedAffinity} does not parse, with upstream's
     *                                  validation message
     */
    public NodeAffinity(Map<String, Object> args, Handle handle) {
        io.fabric8.kubernetes.api.model.NodeAffinity added = NodeAffinityArgs.addedAffinity(args);
        NodeSelector required = added == null ? null : added.getRequiredDuringSchedulingIgnoredDuringExecution();
        List<PreferredSchedulingTerm> preferred = added == null ? null : added.getPreferredDuringSchedulingIgnoredDuringExecution();
        NodeAffinityArgs.validate(required, preferred);
        this.addedNodeSelector = required == null ? null : NodeSelectors.of(required);
        this.addedPreferred = preferred == null || preferred.isEmpty() ? null : PreferredSchedulingTerms.of(preferred);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result preFilter(CycleState state, PodInfo podInfo, List<NodeInfo> nodes) {
        Pod pod = podInfo.pod();
        NodeSelector required = requiredOf(pod);
        Map<String, String> nodeSelector = pod.getSpec() == null ? null : pod.getSpec().getNodeSelector();
        boolean noNodeSelector = nodeSelector == null || nodeSelector.isEmpty();
        if (required == null && addedNodeSelector == null && noNodeSelector) {
            return Result.of(Status.skip());
        }
        state.write(PRE_FILTER_KEY, new PreFilterState(RequiredNodeAffinity.of(pod)));
        if (required == null || required.getNodeSelectorTerms() == null || required.getNodeSelectorTerms().isEmpty()) {
            return Result.SUCCESS;
        }
        Set<String> nodeNames = null;
        for (NodeSelectorTerm term : required.getNodeSelectorTerms()) {
            Set<String> termNodeNames = nodeNamesOf(term);
            if (termNodeNames == null) {
                // a term that does not pin node names lets every node through, terms being ORed
                return Result.SUCCESS;
            }
            if (nodeNames == null) {
                nodeNames = new HashSet<>();
            }
            nodeNames.addAll(termNodeNames);
        }
        if (nodeNames != null && nodeNames.isEmpty()) {
            return Result.of(Status.unresolvable(ERR_REASON_CONFLICT));
        }
        return nodeNames == null ? Result.SUCCESS : new Result(Status.success(), Set.copyOf(nodeNames));
    }

    /** The intersection of the term's {@code metadata.name In} requirements (they are ANDed); null when there are none. */
    private static Set<String> nodeNamesOf(NodeSelectorTerm term) {
        Set<String> names = null;
        for (NodeSelectorRequirement r : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of() : term.getMatchFields()) {
            if (NodeSelectors.OBJECT_NAME_FIELD.equals(r.getKey()) && "In".equals(r.getOperator())) {
                Set<String> values = new HashSet<>(r.getValues() == null ? List.of() : r.getValues());
                if (names == null) {
                    names = values;
                } else {
                    names.retainAll(values);
                }
            }
        }
        return names;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        if (addedNodeSelector != null && !addedNodeSelector.matches(nodeInfo.node())) {
            return Status.unresolvable(ERR_REASON_ENFORCED);
        }
        PreFilterState s = state.read(PRE_FILTER_KEY);
        // without PreFilter (disabled or skipped by a caller) the pod's rules are parsed here
        RequiredNodeAffinity required = s == null ? RequiredNodeAffinity.of(pod.pod()) : s.required();
        return required.match(nodeInfo.node()) ? Status.success() : Status.unresolvable(ERR_REASON_POD);
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        PreferredSchedulingTerms preferred;
        try {
            preferred = preferredOf(pod.pod());
        } catch (IllegalArgumentException e) {
            return Status.error(e.getMessage());
        }
        if (preferred == null && addedPreferred == null) {
            return Status.skip();
        }
        state.write(PRE_SCORE_KEY, new PreScoreState(preferred));
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        long count = addedPreferred == null ? 0 : addedPreferred.score(nodeInfo.node());
        PreScoreState s = state.read(PRE_SCORE_KEY);
        PreferredSchedulingTerms preferred;
        if (s != null) {
            preferred = s.preferred();
        } else {
            try {
                preferred = preferredOf(pod.pod());
            } catch (IllegalArgumentException e) {
                throw new PluginException(Status.error(e.getMessage()));
            }
        }
        if (preferred != null) {
            count += preferred.score(nodeInfo.node());
        }
        return count;
    }

    @Override
    public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        return NormalizeScore.defaultNormalize(MAX_NODE_SCORE, false, scores);
    }

    /**
     * Node Add|UpdateNodeLabel, and UpdateNodeTaint as upstream adds it when a Node/Add may have been
     * missed (without queueing hints, as here).
     */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Resource.NODE,
                ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_LABEL | ClusterEvent.UPDATE_NODE_TAINT));
    }

    private static NodeSelector requiredOf(Pod pod) {
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        return a == null || a.getNodeAffinity() == null ? null : a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    }

    /** The pod's parsed preferred terms; null when it has none; throws on parse errors. */
    private static PreferredSchedulingTerms preferredOf(Pod pod) {
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        List<PreferredSchedulingTerm> terms = a == null || a.getNodeAffinity() == null ? null
                : a.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        // the model cannot tell a missing list from an empty one; both score nothing
        return terms == null || terms.isEmpty() ? null : PreferredSchedulingTerms.of(terms);
    }
}
