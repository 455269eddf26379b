package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.api.helpers.scheduling.Fixtures.exprs;
import static io.kubeboot.api.helpers.scheduling.Fixtures.fields;
import static io.kubeboot.api.helpers.scheduling.Fixtures.node;
import static io.kubeboot.api.helpers.scheduling.Fixtures.pod;
import static io.kubeboot.api.helpers.scheduling.Fixtures.req;
import static io.kubeboot.api.helpers.scheduling.Fixtures.selector;
import static io.kubeboot.api.helpers.scheduling.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream nodeaffinity_test.go TestPodMatchesNodeSelectorAndAffinityTerms. */
class RequiredNodeAffinityTest {
    private static final Map<String, String> FOO_BAR = Map.of("foo", "bar");

    private static Pod affinity(NodeSelector required) {
        return pod(null, required);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no selector", new PodBuilder().build(), null, null, true),
                arguments("missing labels", pod(FOO_BAR, null), null, null, false),
                arguments("same labels", pod(FOO_BAR, null), FOO_BAR, null, true),
                arguments("node labels are superset", pod(FOO_BAR, null), Map.of("foo", "bar", "baz", "blah"), null, true),
                arguments("node labels are subset", pod(Map.of("foo", "bar", "baz", "blah"), null), FOO_BAR, null, false),
                arguments("Pod with matchExpressions using In operator that matches the existing node",
                        affinity(selector(exprs(req("foo", "In", "bar", "value2")))), FOO_BAR, null, true),
                arguments("Pod with matchExpressions using Gt operator that matches the existing node",
                        affinity(selector(exprs(req("kernel-version", "Gt", "0204")))), Map.of("kernel-version", "0206"), null, true),
                arguments("Pod with matchExpressions using NotIn operator that matches the existing node",
                        affinity(selector(exprs(req("mem-type", "NotIn", "DDR", "DDR2")))), Map.of("mem-type", "DDR3"), null, true),
                arguments("Pod with matchExpressions using Exists operator that matches the existing node",
                        affinity(selector(exprs(req("GPU", "Exists")))), Map.of("GPU", "NVIDIA-GRID-K1"), null, true),
                arguments("Pod with affinity that don't match node's labels won't schedule onto the node",
                        affinity(selector(exprs(req("foo", "In", "value1", "value2")))), FOO_BAR, null, false),
                arguments("Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
                        affinity(new NodeSelector(null)), FOO_BAR, null, false),
                arguments("Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
                        affinity(selector()), FOO_BAR, null, false),
                arguments("Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
                        affinity(selector(exprs())), FOO_BAR, null, false),
                arguments("Pod with no Affinity will schedule onto a node", new PodBuilder().withNewSpec().endSpec().build(),
                        FOO_BAR, null, true),
                arguments("Pod with Affinity but nil NodeSelector will schedule onto a node",
                        new PodBuilder().withNewSpec().withNewAffinity().withNewNodeAffinity().endNodeAffinity().endAffinity().endSpec().build(),
                        FOO_BAR, null, true),
                arguments("Pod with multiple matchExpressions ANDed that matches the existing node",
                        affinity(selector(exprs(req("GPU", "Exists"), req("GPU", "NotIn", "AMD", "INTER")))),
                        Map.of("GPU", "NVIDIA-GRID-K1"), null, true),
                arguments("Pod with multiple matchExpressions ANDed that doesn't match the existing node",
                        affinity(selector(exprs(req("GPU", "Exists"), req("GPU", "In", "AMD", "INTER")))),
                        Map.of("GPU", "NVIDIA-GRID-K1"), null, false),
                arguments("Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
                        affinity(selector(exprs(req("foo", "In", "bar", "value2")), exprs(req("diffkey", "In", "wrong", "value2")))),
                        FOO_BAR, null, true),
                arguments("Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
                        pod(FOO_BAR, selector(exprs(req("foo", "Exists")))), FOO_BAR, null, true),
                arguments("Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
                        pod(FOO_BAR, selector(exprs(req("foo", "Exists")))), Map.of("foo", "barrrrrr"), null, false),
                arguments("Pod with an invalid value in Affinity term won't be scheduled onto the node",
                        affinity(selector(exprs(req("foo", "NotIn", "invalid value: ___@#$%^")))), FOO_BAR, null, false),
                arguments("Pod with matchFields using In operator that matches the existing node",
                        affinity(selector(fields(req("metadata.name", "In", "node_1")))), null, "node_1", true),
                arguments("Pod with matchFields using In operator that does not match the existing node",
                        affinity(selector(fields(req("metadata.name", "In", "node_1")))), null, "node_2", false),
                arguments("Pod with two terms: matchFields does not match, but matchExpressions matches",
                        affinity(selector(fields(req("metadata.name", "In", "node_1")), exprs(req("foo", "In", "bar")))),
                        FOO_BAR, "node_2", true),
                arguments("Pod with one term: matchFields does not match, but matchExpressions matches",
                        affinity(selector(term(List.of(req("foo", "In", "bar")), List.of(req("metadata.name", "In", "node_1"))))),
                        FOO_BAR, "node_2", false),
                arguments("Pod with one term: both matchFields and matchExpressions match",
                        affinity(selector(term(List.of(req("foo", "In", "bar")), List.of(req("metadata.name", "In", "node_1"))))),
                        FOO_BAR, "node_1", true),
                arguments("Pod with two terms: both matchFields and matchExpressions do not match",
                        affinity(selector(fields(req("metadata.name", "In", "node_1")), exprs(req("foo", "In", "not-match-to-bar")))),
                        FOO_BAR, "node_2", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void podMatchesNodeSelectorAndAffinityTerms(String name, Pod pod, Map<String, String> labels, String nodeName, boolean want) {
        assertThat(RequiredNodeAffinity.of(pod).match(node(nodeName, labels))).isEqualTo(want);
    }

    @Test
    void parseErrorsAreReportedWhenNothingMatched() {
        Pod p = affinity(selector(exprs(req("foo", "NotIn", "a b"))));
        NodeSelectors.Match m = RequiredNodeAffinity.of(p).matchWithError(node("n", FOO_BAR));
        assertThat(m.matches()).isFalse();
        assertThat(m.error()).startsWith("nodeSelectorTerms[0].matchExpressions[0].values[0][foo]: Invalid value: \"a b\": ");
    }
}
