package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.kubeboot.api.validation.FieldPath;
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
import static io.kubeboot.api.helpers.scheduling.Fixtures.preferred;
import static io.kubeboot.api.helpers.scheduling.Fixtures.req;
import static io.kubeboot.api.helpers.scheduling.Fixtures.selector;
import static io.kubeboot.api.helpers.scheduling.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream nodeaffinity_test.go: TestNodeSelectorMatch, TestPreferredSchedulingTermsScore, requirement parsing. */
class NodeSelectorsTest {
    private static final String KEY_ERROR = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    static Stream<Arguments> nodeSelectorMatch() {
        return Stream.of(
                arguments("node matches field selector, but not labels",
                        selector(term(List.of(req("label_1", "In", "label_1_val")), List.of(req("metadata.name", "In", "host_1")))),
                        node("host_1", null), false),
                arguments("node matches field selector and label selector",
                        selector(term(List.of(req("label_1", "In", "label_1_val")), List.of(req("metadata.name", "In", "host_1")))),
                        node("host_1", Map.of("label_1", "label_1_val")), true),
                arguments("second term matches",
                        selector(exprs(req("label_1", "In", "label_1_val")), fields(req("metadata.name", "In", "host_1"))),
                        node("host_1", null), true),
                arguments("nil node", selector(exprs(req("a", "Exists"))), null, false),
                // the field is only checked for named nodes, as upstream's extractNodeFields leaves it out otherwise
                arguments("unnamed node ignores matchFields",
                        selector(fields(req("metadata.name", "In", "host_1"))), node(null, null), true),
                arguments("NotIn on metadata.name", selector(fields(req("metadata.name", "NotIn", "host_1"))),
                        node("host_2", null), true),
                arguments("an empty term selects nothing", selector(term(List.of(), List.of())), node("host_1", null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nodeSelectorMatch(String name, NodeSelector selector, Node node, boolean want) {
        assertThat(NodeSelectors.of(selector).matches(node)).isEqualTo(want);
    }

    @Test
    void strictParsingReportsEveryTermsErrorsWithTheirPaths() {
        NodeSelector s = selector(
                fields(req("metadata.name", "In", "host_1", "host_2")),
                term(List.of(req("label_1", "In", "label_1_val")), List.of(req("metadata.name", "In", "host_1"))),
                exprs(req("invalid key", "In", "label_value")));
        assertThatThrownBy(() -> NodeSelectors.of(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[nodeSelectorTerms[0].matchFields[0].values: Invalid value: []string{\"host_1\", \"host_2\"}: "
                        + "must have one element, nodeSelectorTerms[2].matchExpressions[0].key: Invalid value: "
                        + "\"invalid key\": " + KEY_ERROR + "]");
    }

    @Test
    void lazyParsingReportsErrorsOnlyWhenNoTermMatches() {
        NodeSelector s = selector(exprs(req("invalid key", "In", "v")), exprs(req("zone", "In", "a")));
        NodeSelectors lazy = NodeSelectors.lazy(s);
        assertThat(lazy.match(node("n", Map.of("zone", "a")))).isEqualTo(new NodeSelectors.Match(true, null));
        assertThat(lazy.match(node("n", Map.of("zone", "b"))))
                .isEqualTo(new NodeSelectors.Match(false, "nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: \"invalid key\": " + KEY_ERROR));
    }

    static Stream<Arguments> requirementErrors() {
        return Stream.of(
                arguments(req("foo", "Exists", "bar", "baz"),
                        "root.nodeSelectorTerms[0].matchExpressions[0].values: Invalid value: []string{\"bar\", \"baz\"}: "
                                + "values set must be empty for exists and does not exist"),
                arguments(req("foo", "In"),
                        "root.nodeSelectorTerms[0].matchExpressions[0].values: Invalid value: []string(nil): "
                                + "for 'in', 'notin' operators, values set can't be empty"),
                arguments(req("foo", "Gt", "1", "2"),
                        "root.nodeSelectorTerms[0].matchExpressions[0].values: Invalid value: []string{\"1\", \"2\"}: "
                                + "for 'Gt', 'Lt' operators, exactly one value is required"),
                arguments(req("foo", "Lt", "x"),
                        "root.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"x\": "
                                + "for 'Gt', 'Lt' operators, the value must be an integer"),
                arguments(req("foo", "Equals", "x"),
                        "root.nodeSelectorTerms[0].matchExpressions[0].operator: Unsupported value: \"Equals\": "
                                + "supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\", \"Gt\", \"Lt\""));
    }

    @ParameterizedTest
    @MethodSource
    void requirementErrors(io.fabric8.kubernetes.api.model.NodeSelectorRequirement r, String message) {
        assertThatThrownBy(() -> NodeSelectors.of(selector(exprs(r)), FieldPath.of("root"))).hasMessage(message);
    }

    @Test
    void fieldSelectorsOnlyKnowInAndNotIn() {
        assertThatThrownBy(() -> NodeSelectors.of(selector(fields(req("metadata.name", "Exists")))))
                .hasMessage("nodeSelectorTerms[0].matchFields[0].operator: Unsupported value: \"Exists\": "
                        + "supported values: \"In\", \"NotIn\"");
    }

    static Stream<Arguments> gtAndLt() {
        return Stream.of(
                arguments("Gt", "1", "2", true), arguments("Gt", "1", "1", false),
                arguments("Lt", "7", "6", true), arguments("Lt", "7", "x", false),
                arguments("Gt", "0204", "0206", true));
    }

    @ParameterizedTest
    @MethodSource
    void gtAndLt(String op, String bound, String label, boolean want) {
        assertThat(NodeSelectors.of(selector(exprs(req("foo", op, bound)))).matches(node("n", Map.of("foo", label))))
                .isEqualTo(want);
    }

    @Test
    void preferredTermsWithErrorsThrow() {
        List<PreferredSchedulingTerm> terms = List.of(
                preferred(1, fields(req("metadata.name", "In", "host_1", "host_2"))),
                preferred(1, term(List.of(req("label_1", "In", "label_1_val")), List.of(req("metadata.name", "In", "host_1")))),
                preferred(1, exprs(req("invalid key", "In", "label_value"))));
        assertThatThrownBy(() -> PreferredSchedulingTerms.of(terms))
                .hasMessage("[[0].matchFields[0].values: Invalid value: []string{\"host_1\", \"host_2\"}: must have one element, "
                        + "[2].matchExpressions[0].key: Invalid value: \"invalid key\": " + KEY_ERROR + "]");
    }

    static Stream<Arguments> preferredScore() {
        return Stream.of(
                arguments("invalid field selector but no weight, error not reported",
                        List.of(preferred(0, fields(req("metadata.name", "In", "host_1", "host_2")))),
                        node("host_1", null), 0L),
                arguments("first and third term match", List.of(
                                preferred(5, fields(req("metadata.name", "In", "host_1"))),
                                preferred(7, exprs(req("unknown_label", "In", "unknown_label_val"))),
                                preferred(11, exprs(req("label_1", "In", "label_1_val")))),
                        node("host_1", Map.of("label_1", "label_1_val")), 16L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void preferredScore(String name, List<PreferredSchedulingTerm> terms, Node node, long want) {
        assertThat(PreferredSchedulingTerms.of(terms).score(node)).isEqualTo(want);
    }

    @Test
    void matchNodeSelectorTermsIsLenient() {
        NodeSelector s = selector(exprs(req("invalid key", "In", "v")), exprs(req("zone", "In", "a")));
        assertThat(NodeSelectors.matchNodeSelectorTerms(node("n", Map.of("zone", "a")), s)).isTrue();
        assertThat(NodeSelectors.matchNodeSelectorTerms(null, s)).isFalse();
    }
}
