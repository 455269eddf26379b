package io.kubeboot.scheduler.plugins.nodeaffinity;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;

import java.util.List;
import java.util.Map;

/** Short builders for the NodeAffinity test tables (upstream spells these out as Go literals). */
final class Terms {
    private Terms() {
    }

    static NodeSelectorRequirement req(String key, String op, String... values) {
        return new NodeSelectorRequirementBuilder().withKey(key).withOperator(op).withValues(values).build();
    }

    static NodeSelectorTerm exprs(NodeSelectorRequirement... r) {
        return new NodeSelectorTermBuilder().withMatchExpressions(r).build();
    }

    static NodeSelectorTerm fields(NodeSelectorRequirement... r) {
        return new NodeSelectorTermBuilder().withMatchFields(r).build();
    }

    static NodeSelectorTerm term(List<NodeSelectorRequirement> exprs, List<NodeSelectorRequirement> fields) {
        return new NodeSelectorTermBuilder().withMatchExpressions(exprs).withMatchFields(fields).build();
    }

    static NodeSelector required(NodeSelectorTerm... terms) {
        return new NodeSelectorBuilder().withNodeSelectorTerms(terms).build();
    }

    static PreferredSchedulingTerm preferred(int weight, NodeSelectorRequirement... r) {
        return new PreferredSchedulingTerm(exprs(r), weight);
    }

    static Affinity requiredAffinity(NodeSelector required) {
        return new AffinityBuilder().withNewNodeAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(required)
                .endNodeAffinity().build();
    }

    static Affinity preferredAffinity(PreferredSchedulingTerm... terms) {
        return new AffinityBuilder().withNewNodeAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(terms)
                .endNodeAffinity().build();
    }

    static Pod pod(Map<String, String> nodeSelector, Affinity affinity) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().withNodeSelector(nodeSelector).withAffinity(affinity).endSpec().build();
    }

    static Pod withAffinity(Affinity affinity) {
        return pod(null, affinity);
    }

    static Pod withNodeSelector(Map<String, String> nodeSelector) {
        return pod(nodeSelector, null);
    }

    static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }

    /** Plugin args with {@code addedAffinity} as the model object. */
    static Map<String, Object> added(io.fabric8.kubernetes.api.model.NodeAffinity affinity) {
        return Map.of("addedAffinity", affinity);
    }
}
