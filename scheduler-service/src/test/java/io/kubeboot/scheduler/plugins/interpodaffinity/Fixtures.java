package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;
import io.kubeboot.scheduler.framework.SharedLister;
import io.kubeboot.scheduler.framework.Snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Builders for pods with (anti-)affinity terms, nodes and snapshots, after upstream's {@code st.MakePod()}
 * helpers. Pods default to the empty namespace, as upstream's test pods do.
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

    static PodMaker pod(String name) {
        return new PodMaker(name);
    }

    static Node node(String name, String... kv) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
        for (int i = 0; i < kv.length; i += 2) {
            b.editMetadata().addToLabels(kv[i], kv[i + 1]).endMetadata();
        }
        return b.build();
    }

    static Snapshot snapshot(List<Node> nodes, List<Pod> pods) {
        Map<String, NodeInfo> infos = new LinkedHashMap<>();
        for (Node n : nodes) {
            infos.put(n.getMetadata().getName(), NodeInfo.of(n));
        }
        for (Pod p : pods) {
            NodeInfo info = infos.get(p.getSpec().getNodeName());
            if (info != null) {
                info.addPod(PodInfo.of(p));
            }
        }
        return new Snapshot(new ArrayList<>(infos.values()), NAMESPACES);
    }

    static Handle handle(SharedLister snapshot) {
        return new TestHandle(snapshot);
    }

    /** Sequential parallelize; everything else is unused by this plugin. */
    private record TestHandle(SharedLister snapshot) implements Handle {
        @Override
        public PodNominator nominator() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PluginRunner runner() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClusterClient client() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void parallelize(int n, IntConsumer work) {
            for (int i = 0; i < n; i++) {
                work.accept(i);
            }
        }
    }

    static final class PodMaker {
        private final PodBuilder b;
        private final List<PodAffinityTerm> affinity = new ArrayList<>();
        private final List<PodAffinityTerm> anti = new ArrayList<>();
        private final List<WeightedPodAffinityTerm> preferAffinity = new ArrayList<>();
        private final List<WeightedPodAffinityTerm> preferAnti = new ArrayList<>();

        PodMaker(String name) {
            b = new PodBuilder().withNewMetadata().withName(name).withNamespace("").endMetadata().withNewSpec().endSpec();
        }

        PodMaker namespace(String ns) {
            b.editMetadata().withNamespace(ns).endMetadata();
            return this;
        }

        PodMaker label(String k, String v) {
            b.editMetadata().addToLabels(k, v).endMetadata();
            return this;
        }

        PodMaker node(String nodeName) {
            b.editSpec().withNodeName(nodeName).endSpec();
            return this;
        }

        PodMaker affinity(PodAffinityTerm... terms) {
            affinity.addAll(List.of(terms));
            return this;
        }

        PodMaker anti(PodAffinityTerm... terms) {
            anti.addAll(List.of(terms));
            return this;
        }

        PodMaker preferAffinity(WeightedPodAffinityTerm... terms) {
            preferAffinity.addAll(List.of(terms));
            return this;
        }

        PodMaker preferAnti(WeightedPodAffinityTerm... terms) {
            preferAnti.addAll(List.of(terms));
            return this;
        }

        /** upstream st.PodAffinityIn/Exists with PodAffinityWithRequiredReq */
        PodMaker affinityIn(String key, String topologyKey, String... values) {
            return affinity(term(topologyKey, req(key, "In", values)));
        }

        PodMaker affinityExists(String key, String topologyKey) {
            return affinity(term(topologyKey, req(key, "Exists")));
        }

        PodMaker antiIn(String key, String topologyKey, String... values) {
            return anti(term(topologyKey, req(key, "In", values)));
        }

        PodMaker antiNotIn(String key, String topologyKey, String... values) {
            return anti(term(topologyKey, req(key, "NotIn", values)));
        }

        PodMaker antiExists(String key, String topologyKey) {
            return anti(term(topologyKey, req(key, "Exists")));
        }

        /** Applies a reusable set of terms (upstream's shared Affinity values). */
        PodMaker with(java.util.function.UnaryOperator<PodMaker> kit) {
            return kit.apply(this);
        }

        Pod obj() {
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
    }
}
