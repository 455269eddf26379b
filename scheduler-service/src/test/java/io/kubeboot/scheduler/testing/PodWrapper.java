package io.kubeboot.scheduler.testing;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Upstream's {@code st.MakePod()} wrapper for scheduler tests, so that ported table cases read like the
 * originals: a pod named {@code name} in the empty namespace with an empty spec, changed step by step,
 * built by {@link #obj()}. Pod (anti-)affinity terms are collected and set on the pod at {@link #obj()}.
 */
public final class PodWrapper {
    private final PodBuilder b;
    private final List<PodAffinityTerm> affinity = new ArrayList<>();
    private final List<PodAffinityTerm> anti = new ArrayList<>();
    private final List<WeightedPodAffinityTerm> preferAffinity = new ArrayList<>();
    private final List<WeightedPodAffinityTerm> preferAnti = new ArrayList<>();

    private PodWrapper(String name) {
        b = new PodBuilder().withNewMetadata().withName(name).withNamespace("").endMetadata().withNewSpec().endSpec();
    }

    public static PodWrapper pod(String name) {
        return new PodWrapper(name);
    }

    public PodWrapper namespace(String ns) {
        b.editMetadata().withNamespace(ns).endMetadata();
        return this;
    }

    public PodWrapper label(String k, String v) {
        b.editMetadata().addToLabels(k, v).endMetadata();
        return this;
    }

    public PodWrapper node(String nodeName) {
        b.editSpec().withNodeName(nodeName).endSpec();
        return this;
    }

    public PodWrapper terminating() {
        b.editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata();
        return this;
    }

    /** A controller owner reference with uid {@code name + "-uid"}. */
    public PodWrapper ownerReference(String name, String apiVersion, String kind) {
        b.editMetadata().addNewOwnerReference().withName(name).withApiVersion(apiVersion).withKind(kind)
                .withController(true).withUid(name + "-uid").endOwnerReference().endMetadata();
        return this;
    }

    public PodWrapper spread(int maxSkew, String key, String when, LabelSelector selector) {
        return spread(maxSkew, key, when, selector, null, null, null);
    }

    public PodWrapper spread(int maxSkew, String key, String when, LabelSelector selector, Integer minDomains,
                             String nodeAffinityPolicy, String nodeTaintsPolicy, String... matchLabelKeys) {
        b.editSpec().addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew)
                .withTopologyKey(key).withWhenUnsatisfiable(when).withLabelSelector(selector).withMinDomains(minDomains)
                .withNodeAffinityPolicy(nodeAffinityPolicy).withNodeTaintsPolicy(nodeTaintsPolicy)
                .withMatchLabelKeys(matchLabelKeys.length == 0 ? null : Arrays.asList(matchLabelKeys)).build()).endSpec();
        return this;
    }

    public PodWrapper nodeSelector(String k, String v) {
        b.editSpec().addToNodeSelector(k, v).endSpec();
        return this;
    }

    /** Required node affinity: one term with one {@code In} expression (replaces any affinity set so far). */
    public PodWrapper nodeAffinityIn(String key, String... values) {
        return nodeAffinity(key, "In", values);
    }

    /** Required node affinity: one term with one {@code NotIn} expression (replaces any affinity set so far). */
    public PodWrapper nodeAffinityNotIn(String key, String... values) {
        return nodeAffinity(key, "NotIn", values);
    }

    private PodWrapper nodeAffinity(String key, String op, String... values) {
        b.editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addToNodeSelectorTerms(new NodeSelectorTermBuilder().addToMatchExpressions(
                        new NodeSelectorRequirementBuilder().withKey(key).withOperator(op).withValues(values).build()).build())
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec();
        return this;
    }

    /** As {@code st.PodWrapper.Toleration}: the key with operator Exists. */
    public PodWrapper toleration(String key) {
        b.editSpec().addNewToleration().withKey(key).withOperator("Exists").endToleration().endSpec();
        return this;
    }

    public PodWrapper affinity(PodAffinityTerm... terms) {
        affinity.addAll(List.of(terms));
        return this;
    }

    public PodWrapper anti(PodAffinityTerm... terms) {
        anti.addAll(List.of(terms));
        return this;
    }

    public PodWrapper preferAffinity(WeightedPodAffinityTerm... terms) {
        preferAffinity.addAll(List.of(terms));
        return this;
    }

    public PodWrapper preferAnti(WeightedPodAffinityTerm... terms) {
        preferAnti.addAll(List.of(terms));
        return this;
    }

    /** Upstream's {@code PodAffinityIn} with {@code PodAffinityWithRequiredReq}. */
    public PodWrapper affinityIn(String key, String topologyKey, String... values) {
        return affinity(term(topologyKey, key, "In", values));
    }

    public PodWrapper affinityExists(String key, String topologyKey) {
        return affinity(term(topologyKey, key, "Exists"));
    }

    public PodWrapper antiIn(String key, String topologyKey, String... values) {
        return anti(term(topologyKey, key, "In", values));
    }

    public PodWrapper antiNotIn(String key, String topologyKey, String... values) {
        return anti(term(topologyKey, key, "NotIn", values));
    }

    public PodWrapper antiExists(String key, String topologyKey) {
        return anti(term(topologyKey, key, "Exists"));
    }

    /** Applies a reusable set of changes (upstream's shared Affinity values). */
    public PodWrapper with(UnaryOperator<PodWrapper> kit) {
        return kit.apply(this);
    }

    public Pod obj() {
        Pod p = b.build();
        if (!affinity.isEmpty() || !anti.isEmpty() || !preferAffinity.isEmpty() || !preferAnti.isEmpty()) {
            AffinityBuilder a = new AffinityBuilder();
            if (!affinity.isEmpty() || !preferAffinity.isEmpty()) {
                a.withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(affinity)
                        .withPreferredDuringSchedulingIgnoredDuringExecution(preferAffinity).endPodAffinity();
            }
            if (!anti.isEmpty() || !preferAnti.isEmpty()) {
                a.withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(anti)
                        .withPreferredDuringSchedulingIgnoredDuringExecution(preferAnti).endPodAntiAffinity();
            }
            p.getSpec().setAffinity(a.build());
        }
        return p;
    }

    /** A pod affinity term over {@code topologyKey} whose selector is the one expression. */
    private static PodAffinityTerm term(String topologyKey, String key, String op, String... values) {
        LabelSelector selector = new LabelSelectorBuilder().withMatchExpressions(new LabelSelectorRequirementBuilder().withKey(key)
                .withOperator(op).withValues(values.length == 0 ? null : Arrays.asList(values)).build()).build();
        return new PodAffinityTermBuilder().withLabelSelector(selector).withTopologyKey(topologyKey).build();
    }
}
