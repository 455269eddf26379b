package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.SharedLister;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.testing.NodeWrapper;
import io.kubeboot.scheduler.testing.PodWrapper;
import io.kubeboot.scheduler.testing.SnapshotHandle;
import io.kubeboot.scheduler.testing.Snapshots;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Terms and selectors for the InterPodAffinity tables, and the shared test kit with this plugin's
 * namespaces. Pods default to the empty namespace, as upstream's test pods do.
 */
final class Fixtures {
    /** The namespaces of upstream's scoring_test.go and their labels. */
    static final Map<String, Map<String, String>> NAMESPACES = Map.of(
            "subteam1.team1", Map.of("team", "team1"),
            "subteam2.team1", Map.of("team", "team1"),
            "subteam1.team2", Map.of("team", "team2"),
            "subteam2.team2", Map.of("team", "team2"));

    private Fixtures() {
    }

    static LabelSelectorRequirement req(String key, String op, String... values) {
        return new LabelSelectorRequirementBuilder().withKey(key).withOperator(op)
                .withValues(values.length == 0 ? null : Arrays.asList(values)).build();
    }

    static LabelSelector selector(LabelSelectorRequirement... reqs) {
        return new LabelSelectorBuilder().withMatchExpressions(reqs).build();
    }

    static PodAffinityTerm term(String topologyKey, LabelSelectorRequirement... reqs) {
        return new PodAffinityTermBuilder().withLabelSelector(selector(reqs)).withTopologyKey(topologyKey).build();
    }

    /** A term with explicit namespaces and/or a namespace selector (null for none). */
    static PodAffinityTerm term(String topologyKey, List<String> namespaces, LabelSelector namespaceSelector,
                                LabelSelectorRequirement... reqs) {
        return new PodAffinityTermBuilder().withLabelSelector(selector(reqs)).withTopologyKey(topologyKey)
                .withNamespaces(namespaces).withNamespaceSelector(namespaceSelector).build();
    }

    static WeightedPodAffinityTerm weighted(int weight, PodAffinityTerm t) {
        return new WeightedPodAffinityTerm(t, weight);
    }

    static PodWrapper pod(String name) {
        return PodWrapper.pod(name);
    }

    static Node node(String name, String... kv) {
        return NodeWrapper.node(name).labels(kv).obj();
    }

    /** Nodes in order, each with its pods; the namespaces of {@link #NAMESPACES}. */
    static Snapshot snapshot(List<Node> nodes, List<Pod> pods) {
        return Snapshots.of(nodes, pods, NAMESPACES);
    }

    static Handle handle(SharedLister snapshot) {
        return new SnapshotHandle(snapshot);
    }
}
