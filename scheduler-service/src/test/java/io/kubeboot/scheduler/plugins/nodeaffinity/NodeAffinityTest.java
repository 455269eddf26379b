package io.kubeboot.scheduler.plugins.nodeaffinity;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.added;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.exprs;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.fields;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.node;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.preferred;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.preferredAffinity;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.req;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.required;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.requiredAffinity;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.term;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.withAffinity;
import static io.kubeboot.scheduler.plugins.nodeaffinity.Terms.withNodeSelector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream node_affinity_test.go: TestNodeAffinity (PreFilter + Filter) and TestNodeAffinityPriority. */
class NodeAffinityTest {
    private static final Status REJECT_POD = Status.unresolvable(NodeAffinity.ERR_REASON_POD);
    private static final Map<String, String> FOO_BAR = Map.of("foo", "bar");

    /** One row of TestNodeAffinity; null preFilter expectations mean success without node names. */
    record FilterCase(String name, Pod pod, Map<String, String> labels, String nodeName, Status wantStatus,
                      Status wantPreFilterStatus, Set<String> wantPreFilterNodes, Map<String, Object> args,
                      boolean runPreFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static FilterCase ok(String name, Pod pod, Map<String, String> labels) {
        return new FilterCase(name, pod, labels, null, Status.success(), null, null, Map.of(), true);
    }

    private static FilterCase rejected(String name, Pod pod, Map<String, String> labels) {
        return new FilterCase(name, pod, labels, null, REJECT_POD, null, null, Map.of(), true);
    }

    private static Pod required1(io.fabric8.kubernetes.api.model.NodeSelectorTerm... terms) {
        return withAffinity(requiredAffinity(required(terms)));
    }

    private static io.fabric8.kubernetes.api.model.NodeAffinity addedRequired(io.fabric8.kubernetes.api.model.NodeSelectorTerm term) {
        return new io.fabric8.kubernetes.api.model.NodeAffinity(null, required(term));
    }

    static Stream<FilterCase> filterCases() {
        Status skip = Status.skip();
        return Stream.of(
                rejected("missing labels", withNodeSelector(FOO_BAR), null),
                ok("same labels", withNodeSelector(FOO_BAR), FOO_BAR),
                ok("node labels are superset", withNodeSelector(FOO_BAR), Map.of("foo", "bar", "baz", "blah")),
                rejected("node labels are subset", withNodeSelector(Map.of("foo", "bar", "baz", "blah")), FOO_BAR),
                ok("Pod with matchExpressions using In operator that matches the existing node",
                        required1(exprs(req("foo", "In", "bar", "value2"))), FOO_BAR),
                ok("Pod with matchExpressions using Gt operator that matches the existing node",
                        required1(exprs(req("kernel-version", "Gt", "0204"))), Map.of("kernel-version", "0206")),
                ok("Pod with matchExpressions using NotIn operator that matches the existing node",
                        required1(exprs(req("mem-type", "NotIn", "DDR", "DDR2"))), Map.of("mem-type", "DDR3")),
                ok("Pod with matchExpressions using Exists operator that matches the existing node",
                        required1(exprs(req("GPU", "Exists"))), Map.of("GPU", "NVIDIA-GRID-K1")),
                rejected("Pod with affinity that don't match node's labels won't schedule onto the node",
                        required1(exprs(req("foo", "In", "value1", "value2"))), FOO_BAR),
                rejected("Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
                        required1(exprs()), FOO_BAR),
                new FilterCase("Pod with no Affinity will schedule onto a node", new PodBuilder().withNewMetadata()
                        .withName("p").withNamespace("default").endMetadata().build(), FOO_BAR, null, Status.success(),
                        skip, null, Map.of(), true),
                new FilterCase("Pod with Affinity but nil NodeSelector will schedule onto a node",
                        withAffinity(requiredAffinity(null)), FOO_BAR, null, Status.success(), skip, null, Map.of(), true),
                ok("Pod with multiple matchExpressions ANDed that matches the existing node",
                        required1(exprs(req("GPU", "Exists"), req("GPU", "NotIn", "AMD", "INTER"))), Map.of("GPU", "NVIDIA-GRID-K1")),
                rejected("Pod with multiple matchExpressions ANDed that doesn't match the existing node",
                        required1(exprs(req("GPU", "Exists"), req("GPU", "In", "AMD", "INTER"))), Map.of("GPU", "NVIDIA-GRID-K1")),
                ok("Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
                        required1(exprs(req("foo", "In", "bar", "value2")), exprs(req("diffkey", "In", "wrong", "value2"))), FOO_BAR),
                ok("Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
                        Terms.pod(FOO_BAR, requiredAffinity(required(exprs(req("foo", "Exists"))))), FOO_BAR),
                rejected("Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
                        Terms.pod(FOO_BAR, requiredAffinity(required(exprs(req("foo", "Exists"))))), Map.of("foo", "barrrrrr")),
                rejected("Pod with an invalid value in Affinity term won't be scheduled onto the node",
                        required1(exprs(req("foo", "NotIn", "invalid value: ___@#$%^"))), FOO_BAR),
                new FilterCase("Pod with matchFields using In operator that matches the existing node",
                        required1(fields(req("metadata.name", "In", "node1"))), null, "node1", Status.success(),
                        null, Set.of("node1"), Map.of(), true),
                new FilterCase("Pod with matchFields using In operator that does not match the existing node",
                        required1(fields(req("metadata.name", "In", "node1"))), null, "node2", REJECT_POD,
                        null, Set.of("node1"), Map.of(), true),
                new FilterCase("Pod with two terms: matchFields does not match, but matchExpressions matches",
                        required1(fields(req("metadata.name", "In", "node1"), req("metadata.name", "In", "node2")),
                                exprs(req("foo", "In", "bar"))),
                        FOO_BAR, "node2", Status.success(), null, null, Map.of(), true),
                new FilterCase("Pod with one term: matchFields does not match, but matchExpressions matches",
                        required1(term(List.of(req("foo", "In", "bar")), List.of(req("metadata.name", "In", "node1")))),
                        FOO_BAR, "node2", REJECT_POD, null, Set.of("node1"), Map.of(), true),
                new FilterCase("Pod with one term: both matchFields and matchExpressions match",
                        required1(term(List.of(req("foo", "In", "bar")), List.of(req("metadata.name", "In", "node1")))),
                        FOO_BAR, "node1", Status.success(), null, Set.of("node1"), Map.of(), true),
                new FilterCase("Pod with two terms: both matchFields and matchExpressions do not match",
                        required1(fields(req("metadata.name", "In", "node1")), exprs(req("foo", "In", "not-match-to-bar"))),
                        FOO_BAR, "node2", REJECT_POD, null, null, Map.of(), true),
                new FilterCase("Pod with two terms of node.Name affinity",
                        required1(fields(req("metadata.name", "In", "node1")), fields(req("metadata.name", "In", "node2"))),
                        null, "node2", Status.success(), null, Set.of("node1", "node2"), Map.of(), true),
                new FilterCase("Pod with two conflicting mach field requirements",
                        required1(fields(req("metadata.name", "In", "node1"), req("metadata.name", "In", "node2"))),
                        FOO_BAR, "node2", REJECT_POD, Status.unresolvable(NodeAffinity.ERR_REASON_CONFLICT), null, Map.of(), true),
                new FilterCase("Matches added affinity and Pod's node affinity",
                        required1(exprs(req("zone", "In", "foo"))), Map.of("zone", "foo"), "node2", Status.success(),
                        null, null, added(addedRequired(fields(req("metadata.name", "In", "node2")))), true),
                new FilterCase("Matches added affinity but not Pod's node affinity",
                        required1(exprs(req("zone", "In", "bar"))), Map.of("zone", "foo"), "node2", REJECT_POD,
                        null, null, added(addedRequired(fields(req("metadata.name", "In", "node2")))), true),
                new FilterCase("Doesn't match added affinity", withNodeSelector(null), Map.of("zone", "foo"), "node2",
                        Status.unresolvable(NodeAffinity.ERR_REASON_ENFORCED), null, null,
                        added(addedRequired(exprs(req("zone", "In", "bar")))), true),
                new FilterCase("Matches node selector correctly even if PreFilter is not called",
                        withNodeSelector(FOO_BAR), Map.of("foo", "bar", "baz", "blah"), null, Status.success(),
                        null, null, Map.of(), false),
                new FilterCase("Matches node affinity correctly even if PreFilter is not called",
                        required1(exprs(req("GPU", "Exists"), req("GPU", "NotIn", "AMD", "INTER"))),
                        Map.of("GPU", "NVIDIA-GRID-K1"), null, Status.success(), null, null, Map.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void preFilterAndFilter(FilterCase c) {
        NodeAffinity plugin = new NodeAffinity(c.args(), null);
        NodeInfo nodeInfo = NodeInfo.of(node(c.nodeName(), c.labels()));
        PodInfo pod = PodInfo.of(c.pod());
        CycleState state = new CycleState();
        if (c.runPreFilter()) {
            PreFilterPlugin.Result r = plugin.preFilter(state, pod, List.of(nodeInfo));
            assertThat(r.status()).isEqualTo(c.wantPreFilterStatus() == null ? Status.success() : c.wantPreFilterStatus());
            assertThat(r.nodeNames()).isEqualTo(c.wantPreFilterNodes());
        }
        assertThat(plugin.filter(state, pod, nodeInfo)).isEqualTo(c.wantStatus());
    }

    /** One row of TestNodeAffinityPriority. */
    record ScoreCase(String name, Pod pod, List<Node> nodes, long[] expected, Map<String, Object> args, Status wantPreScore) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        Map<String, String> label1 = Map.of("foo", "bar");
        Map<String, String> label2 = Map.of("key", "value");
        Map<String, String> label3 = Map.of("az", "az1");
        Map<String, String> label4 = Map.of("abc", "az11", "def", "az22");
        Map<String, String> label5 = Map.of("foo", "bar", "key", "value", "az", "az1");
        Affinity affinity1 = preferredAffinity(preferred(2, req("foo", "In", "bar")));
        Affinity affinity2 = preferredAffinity(
                preferred(2, req("foo", "In", "bar")),
                preferred(4, req("key", "In", "value")),
                preferred(5, req("foo", "In", "bar"), req("key", "In", "value"), req("az", "In", "az1")));
        Status ok = Status.success();
        return Stream.of(
                new ScoreCase("all nodes are same priority as NodeAffinity is nil", withAffinity(null),
                        List.of(node("node1", label1), node("node2", label2), node("node3", label3)),
                        new long[]{0, 0, 0}, Map.of(), Status.skip()),
                new ScoreCase("no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
                        withAffinity(affinity1), List.of(node("node1", label4), node("node2", label2), node("node3", label3)),
                        new long[]{0, 0, 0}, Map.of(), ok),
                new ScoreCase("only node1 matches the preferred scheduling requirements of pod", withAffinity(affinity1),
                        List.of(node("node1", label1), node("node2", label2), node("node3", label3)),
                        new long[]{100, 0, 0}, Map.of(), ok),
                new ScoreCase("all nodes matches the preferred scheduling requirements of pod but with different priorities",
                        withAffinity(affinity2), List.of(node("node1", label1), node("node5", label5), node("node2", label2)),
                        new long[]{18, 100, 36}, Map.of(), ok),
                new ScoreCase("added affinity", withAffinity(null), List.of(node("node1", label1), node("node2", label2)),
                        new long[]{100, 0}, added(affinity1.getNodeAffinity()), ok),
                new ScoreCase("added affinity and pod has default affinity", withAffinity(affinity1),
                        List.of(node("node1", label1), node("node2", label2), node("node3", label5)),
                        new long[]{40, 60, 100},
                        added(preferredAffinity(preferred(3, req("key", "In", "value"))).getNodeAffinity()), ok));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void preScoreScoreAndNormalize(ScoreCase c) {
        NodeAffinity plugin = new NodeAffinity(c.args(), null);
        PodInfo pod = PodInfo.of(c.pod());
        List<NodeInfo> nodes = c.nodes().stream().map(NodeInfo::of).toList();
        CycleState state = new CycleState();
        assertThat(plugin.preScore(state, pod, nodes)).isEqualTo(c.wantPreScore());
        assertThat(scores(plugin, state, pod, nodes).toArray()).containsExactly(c.expected());
    }

    @Test
    void scoresCorrectlyEvenIfPreScoreIsNotCalled() {
        NodeAffinity plugin = new NodeAffinity(Map.of(), null);
        PodInfo pod = PodInfo.of(withAffinity(preferredAffinity(
                preferred(2, req("foo", "In", "bar")),
                preferred(4, req("key", "In", "value")),
                preferred(5, req("foo", "In", "bar"), req("key", "In", "value"), req("az", "In", "az1")))));
        List<NodeInfo> nodes = List.of(NodeInfo.of(node("node1", Map.of("foo", "bar"))),
                NodeInfo.of(node("node5", Map.of("foo", "bar", "key", "value", "az", "az1"))),
                NodeInfo.of(node("node2", Map.of("key", "value"))));
        assertThat(scores(plugin, new CycleState(), pod, nodes).toArray()).containsExactly(18, 100, 36);
    }

    private static NodeScores scores(NodeAffinity plugin, CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        List<String> names = new ArrayList<>();
        long[] raw = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            names.add(nodes.get(i).nodeName());
            raw[i] = plugin.score(state, pod, nodes.get(i));
        }
        NodeScores scores = NodeScores.of(names, raw);
        assertThat(plugin.normalizeScore(state, pod, scores).isSuccess()).isTrue();
        return scores;
    }

    @Test
    void preScoreFailsOnUnparsablePreferredTerms() {
        PodInfo pod = PodInfo.of(withAffinity(preferredAffinity(preferred(1, req("invalid key", "In", "v")))));
        Status s = new NodeAffinity(Map.of(), null).preScore(new CycleState(), pod, List.of());
        assertThat(s.code()).isEqualTo(Status.Code.ERROR);
        assertThat(s.message()).startsWith("[0].matchExpressions[0].key: Invalid value: \"invalid key\": ");
    }

    @Test
    void addedAffinityIsReadFromConfigurationMaps() {
        Map<String, Object> args = Map.of("addedAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
                Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions",
                        List.of(Map.of("key", "zone", "operator", "In", "values", List.of("bar"))))))));
        NodeAffinity plugin = new NodeAffinity(args, null);
        PodInfo pod = PodInfo.of(withNodeSelector(null));
        assertThat(plugin.filter(new CycleState(), pod, NodeInfo.of(node("n", Map.of("zone", "bar"))))).isEqualTo(Status.success());
        assertThat(plugin.filter(new CycleState(), pod, NodeInfo.of(node("n", Map.of("zone", "foo")))))
                .isEqualTo(Status.unresolvable(NodeAffinity.ERR_REASON_ENFORCED));
    }

    @Test
    void invalidAddedAffinityFailsConstructionWithEveryError() {
        io.fabric8.kubernetes.api.model.NodeAffinity bad = new io.fabric8.kubernetes.api.model.NodeAffinity(
                List.of(preferred(1, req("foo", "Exists", "x"))), required(fields(req("metadata.name", "In", "a", "b"))));
        assertThatThrownBy(() -> new NodeAffinity(added(bad), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values: "
                        + "Invalid value: []string{\"a\", \"b\"}: must have one element, "
                        + "addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].matchExpressions[0].values: "
                        + "Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist]");
    }
}
