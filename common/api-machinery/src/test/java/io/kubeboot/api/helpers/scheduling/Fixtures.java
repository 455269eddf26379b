package io.kubeboot.api.helpers.scheduling;

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

/** Short builders for the node-affinity test tables (the upstream tables spell these out in Go literals). */
final class Fixtures {
    private Fixtures() {
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

    static NodeSelector selector(NodeSelectorTerm... terms) {
        return new NodeSelectorBuilder().withNodeSelectorTerms(terms).build();
    }

    static PreferredSchedulingTerm preferred(int weight, NodeSelectorTerm term) {
        return new PreferredSchedulingTerm(term, weight);
    }

    static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }

    /** A pod with {@code spec.nodeSelector} and required node affinity; either may be null. */
    static Pod pod(Map<String, String> nodeSelector, NodeSelector required) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().withNodeSelector(nodeSelector).endSpec();
        if (required != null) {
            b.editSpec().withNewAffinity().withNewNodeAffinity()
                    .withRequiredDuringSchedulingIgnoredDuringExecution(required)
                    .endNodeAffinity().endAffinity().endSpec();
        }
        return b.build();
    }
}
