package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kubeboot.scheduler.framework.CycleState;
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
 * Builders for the pods, nodes and snapshots of the table tests, modelled on upstream's
 * {@code st.MakePod()}/{@code st.MakeNode()} wrappers so that ported cases read like the originals.
 */
final class Fixtures {
    static final String HOSTNAME = "kubernetes.io/hostname";
    static final String DO_NOT_SCHEDULE = "DoNotSchedule";
    static final String SCHEDULE_ANYWAY = "ScheduleAnyway";
    static final LabelSelector FOO = exists("foo");
    static final LabelSelector BAR = exists("bar");
    /** The node.kubernetes.io/unschedulable:NoSchedule taint upstream's tests use. */
    static final Taint UNSCHEDULABLE_TAINT = new TaintBuilder().withKey("node.kubernetes.io/unschedulable")
            .withValue("").withEffect("NoSchedule").build();

    private Fixtures() {
    }

    static LabelSelector exists(String key) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator("Exists").endMatchExpression().build();
    }

    static LabelSelector matchLabels(String... kv) {
        LabelSelectorBuilder b = new LabelSelectorBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.addToMatchLabels(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    static PodMaker pod(String name) {
        return new PodMaker(name);
    }

    static NodeMaker node(String name) {
        return new NodeMaker(name);
    }

    /** A snapshot with the nodes in order and every pod on the node its spec.nodeName names. */
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
        return new Snapshot(new ArrayList<>(infos.values()), Map.of());
    }

    static Handle handle(SharedLister snapshot) {
        return new TestHandle(snapshot);
    }

    static PodTopologySpread plugin(Snapshot snapshot) {
        return new PodTopologySpread(Map.of("defaultingType", "List"), handle(snapshot), DefaultSelectors.NONE);
    }

    static CycleState preFiltered(PodTopologySpread p, Snapshot s, Pod pod) {
        CycleState state = new CycleState();
        p.preFilter(state, PodInfo.of(pod), s.nodeInfos());
        return state;
    }

    /** Sequential parallelize; everything else is unused by these plugins. */
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

        PodMaker(String name) {
            b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                    .withNewSpec().endSpec();
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

        PodMaker terminating() {
            b.editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata();
            return this;
        }

        PodMaker ownerReference(String name, String apiVersion, String kind) {
            b.editMetadata().addNewOwnerReference().withName(name).withApiVersion(apiVersion).withKind(kind)
                    .withController(true).withUid(name + "-uid").endOwnerReference().endMetadata();
            return this;
        }

        PodMaker spread(int maxSkew, String key, String when, LabelSelector selector) {
            return spread(maxSkew, key, when, selector, null, null, null);
        }

        PodMaker spread(int maxSkew, String key, String when, LabelSelector selector, Integer minDomains,
                        String nodeAffinityPolicy, String nodeTaintsPolicy, String... matchLabelKeys) {
            b.editSpec().addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew)
                    .withTopologyKey(key).withWhenUnsatisfiable(when).withLabelSelector(selector).withMinDomains(minDomains)
                    .withNodeAffinityPolicy(nodeAffinityPolicy).withNodeTaintsPolicy(nodeTaintsPolicy)
                    .withMatchLabelKeys(matchLabelKeys.length == 0 ? null : Arrays.asList(matchLabelKeys)).build()).endSpec();
            return this;
        }

        PodMaker nodeSelector(String k, String v) {
            b.editSpec().addToNodeSelector(k, v).endSpec();
            return this;
        }

        PodMaker nodeAffinityIn(String key, String... values) {
            return nodeAffinity(key, "In", values);
        }

        PodMaker nodeAffinityNotIn(String key, String... values) {
            return nodeAffinity(key, "NotIn", values);
        }

        private PodMaker nodeAffinity(String key, String op, String... values) {
            b.editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addToNodeSelectorTerms(new NodeSelectorTermBuilder().addToMatchExpressions(
                            new NodeSelectorRequirementBuilder().withKey(key).withOperator(op).withValues(values).build()).build())
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec();
            return this;
        }

        /** As {@code st.PodWrapper.Toleration}: the key with operator Exists. */
        PodMaker toleration(String key) {
            b.editSpec().addNewToleration().withKey(key).withOperator("Exists").endToleration().endSpec();
            return this;
        }

        Pod obj() {
            return b.build();
        }
    }

    static final class NodeMaker {
        private final NodeBuilder b;

        NodeMaker(String name) {
            b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
        }

        NodeMaker label(String k, String v) {
            b.editMetadata().addToLabels(k, v).endMetadata();
            return this;
        }

        NodeMaker taints(Taint... taints) {
            b.editSpec().withTaints(taints).endSpec();
            return this;
        }

        Node obj() {
            return b.build();
        }
    }
}
