package io.kubeboot.api.selector;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.selector.LabelSelector.Operator;
import io.kubeboot.api.selector.LabelSelector.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cases from apimachinery {@code labels/selector_test.go} plus the exact texts of the errors. */
class LabelSelectorTest {
    private static final String LABEL_VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
            + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must start "
            + "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
            + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /** TestSelectorParse: good strings print back without their spaces. */
    @ParameterizedTest
    @ValueSource(strings = {"x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"})
    void goodStringsRoundTrip(String selector) {
        assertThat(LabelSelector.parse(selector)).hasToString(selector.replace(" ", ""));
    }

    static Stream<Arguments> setSelectorParser() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("\rx", "x"),
                Arguments.of("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
                Arguments.of("this-is-another-dns.domain.com/key-with-dash in (so,what)",
                        "this-is-another-dns.domain.com/key-with-dash in (so,what)"),
                Arguments.of("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
                        "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
                Arguments.of("foo  in\t (abc)", "foo in (abc)"),
                Arguments.of("x notin\n (abc)", "x notin (abc)"),
                Arguments.of("x  notin\t\t\t(abc,def)", "x notin (abc,def)"),
                Arguments.of("x in (abc,)", "x in (,abc)"),
                Arguments.of("x in ()", "x in ()"),
                Arguments.of("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"),
                Arguments.of("x,y in (a)", "x,y in (a)"),
                Arguments.of("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"),
                Arguments.of("x notin ( )", "x notin ()"),
                Arguments.of("x notin (, a)", "x notin (,a)"),
                Arguments.of("a ", "a"),
                Arguments.of("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
                Arguments.of("x=a,a=x", "a=x,x=a"),
                Arguments.of("notin=in", "notin=in"),
                Arguments.of("x==a", "x==a"));
    }

    @ParameterizedTest
    @MethodSource("setSelectorParser")
    void parsesAndSortsByKey(String selector, String canonical) {
        assertThat(LabelSelector.parse(selector)).hasToString(canonical);
    }

    @Test
    void parsedRequirementsCarryOperatorsAndValues() {
        assertThat(LabelSelector.parse("x notin (abc,,def),bar,!w,y>5").requirements()).containsExactly(
                new Requirement("bar", Operator.EXISTS, List.of()),
                new Requirement("w", Operator.DOES_NOT_EXIST, List.of()),
                new Requirement("x", Operator.NOT_IN, List.of("", "abc", "def")),
                new Requirement("y", Operator.GREATER_THAN, List.of("5")));
    }

    static Stream<Arguments> badStrings() {
        return Stream.of(
                Arguments.of("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": "
                        + LABEL_VALUE_RULE),
                Arguments.of("x==a==b", "found '==', expected: ',' or 'end of string'"),
                Arguments.of("!x=a", "found '=', expected: ',' or 'end of string'"),
                Arguments.of("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": "
                        + "for 'Gt', 'Lt' operators, the value must be an integer"),
                Arguments.of("x,,y", "found ',', expected: identifier after ','"),
                Arguments.of(",x,y", "found ',', expected: !, identifier, or 'end of string'"),
                Arguments.of("x nott in (y)", "unable to parse requirement: found 'nott', expected: "
                        + "in, notin, =, ==, !=, gt, lt"),
                Arguments.of("a in (xyz),", "found '', expected: identifier after ','"),
                Arguments.of("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"),
                Arguments.of("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"),
                Arguments.of("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
                Arguments.of("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
                Arguments.of("(", "found '(', expected: !, identifier, or 'end of string'"),
                Arguments.of("x in y", "unable to parse requirement: found 'y' expected: '('"),
                Arguments.of("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
                Arguments.of("x=(", "unable to parse requirement: found '(', expected: identifier"),
                Arguments.of("!", "unable to parse requirement: found '', expected: identifier"),
                Arguments.of("-a", "unable to parse requirement: <nil>: Invalid value: \"-a\": name part " + NAME_RULE),
                Arguments.of("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": "
                        + "prefix part must be non-empty"),
                Arguments.of("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be "
                        + "non-empty; name part " + NAME_RULE),
                Arguments.of("a/b/c=d", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified "
                        + "name " + NAME_RULE + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
                Arguments.of("Example.com/a", "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": "
                        + "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                        + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
                        + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                Arguments.of("k=" + "v".repeat(64), "unable to parse requirement: values[0][k]: Invalid value: \""
                        + "v".repeat(64) + "\": must be no more than 63 characters"),
                Arguments.of("a".repeat(64), "unable to parse requirement: <nil>: Invalid value: \"" + "a".repeat(64)
                        + "\": name part must be no more than 63 characters"));
    }

    /** The message is what kube-apiserver puts into the 400 Status for a bad labelSelector parameter. */
    @ParameterizedTest
    @MethodSource("badStrings")
    void badStringsAreBadRequestsWithUpstreamMessages(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    static Stream<Arguments> matching() {
        Map<String, String> fooBaz = Map.of("foo", "bar", "baz", "blah");
        return Stream.of(
                Arguments.of("", Map.of("x", "y"), true),
                Arguments.of("x=y", Map.of("x", "y"), true),
                Arguments.of("x=y,z=w", Map.of("x", "y", "z", "w"), true),
                Arguments.of("x!=y,z!=w", Map.of("x", "z", "z", "a"), true),
                Arguments.of("notin=in", Map.of("notin", "in"), true),
                Arguments.of("x", Map.of("x", "z"), true),
                Arguments.of("!x", Map.of("y", "z"), true),
                Arguments.of("x>1", Map.of("x", "2"), true),
                Arguments.of("x<1", Map.of("x", "0"), true),
                Arguments.of("x=z", Map.of(), false),
                Arguments.of("x=y", Map.of("x", "z"), false),
                Arguments.of("x=y,z=w", Map.of("x", "w", "z", "w"), false),
                Arguments.of("x!=y,z!=w", Map.of("x", "z", "z", "w"), false),
                Arguments.of("x", Map.of("y", "z"), false),
                Arguments.of("!x", Map.of("x", "z"), false),
                Arguments.of("x>1", Map.of("x", "0"), false),
                Arguments.of("x<1", Map.of("x", "2"), false),
                Arguments.of("z>1", Map.of("z", "v2"), false),
                Arguments.of("foo=bar,baz=blah", fooBaz, true),
                Arguments.of("foo=blah", fooBaz, false),
                Arguments.of("foo=bar,foobar=bar,baz=blah", fooBaz, false),
                Arguments.of("x in (foo),y notin (alpha)", Map.of("x", "foo", "y", "baz"), true),
                Arguments.of("x in (foo),y in (alpha)", Map.of("x", "foo", "y", "baz"), false),
                Arguments.of("x notin (),y", Map.of("y", ""), true),
                Arguments.of("!x,y", Map.of("y", ""), true),
                Arguments.of("x notin (),!y", Map.of("y", ""), false),
                Arguments.of("x in ()", Map.of("y", "baz"), false),
                Arguments.of("x in ()", Map.of("x", ""), true),
                Arguments.of("x!=a", Map.of(), true));
    }

    @ParameterizedTest
    @MethodSource("matching")
    void matches(String selector, Map<String, String> labels, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(labels)).isEqualTo(expected);
    }

    @Test
    void everythingAndNothing() {
        assertThat(LabelSelector.everything().isEmpty()).isTrue();
        assertThat(LabelSelector.everything().matches(Map.of("x", "y"))).isTrue();
        assertThat(LabelSelector.everything().matches(null)).isTrue();
        assertThat(LabelSelector.parse("")).isEqualTo(LabelSelector.everything());
        assertThat(LabelSelector.nothing().isEmpty()).isFalse();
        assertThat(LabelSelector.nothing().matches(Map.of())).isFalse();
        assertThat(LabelSelector.nothing()).hasToString("");
        assertThat(LabelSelector.parse("a").isEmpty()).isFalse();
    }

    @Test
    void fromSetMatchesExactly() {
        LabelSelector s = LabelSelector.fromSet(Map.of("app", "foo", "a", "b"));
        assertThat(s).hasToString("a=b,app=foo");
        assertThat(s.matches(Map.of("app", "foo", "a", "b", "extra", "x"))).isTrue();
        assertThat(s.matches(Map.of("app", "foo"))).isFalse();
        assertThat(LabelSelector.fromSet(Map.of()).isEmpty()).isTrue();
        assertThat(LabelSelector.fromSet(null).isEmpty()).isTrue();
    }

    static Stream<Arguments> exactMatches() {
        return Stream.of(
                Arguments.of("key in (value)", "key", "value"),
                Arguments.of("key in (value,value2)", "key", null),
                Arguments.of("key in (value,value1),key2 in (value2)", "key2", "value2"),
                Arguments.of("key=value", "key", "value"),
                Arguments.of("key==value", "key", "value"),
                Arguments.of("key!=value", "key", null),
                Arguments.of("key", "key", null),
                Arguments.of("other=value", "key", null));
    }

    @ParameterizedTest
    @MethodSource("exactMatches")
    void requiresExactMatch(String selector, String label, String expected) {
        assertThat(LabelSelector.parse(selector).requiresExactMatch(label).orElse(null)).isEqualTo(expected);
    }

    static Stream<Arguments> requirementConstructor() {
        String bad254 = "a".repeat(254);
        return Stream.of(
                Arguments.of("x1", Operator.IN, List.of(),
                        "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"),
                Arguments.of("x2", Operator.NOT_IN, null,
                        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
                Arguments.of("x3", Operator.IN, List.of("foo"), null),
                Arguments.of("x5", Operator.EQUALS, List.of("bar", "foo"),
                        "values: Invalid value: []string{\"bar\", \"foo\"}: exact-match compatibility requires one "
                                + "single value"),
                Arguments.of("x6", Operator.EXISTS, List.of(), null),
                Arguments.of("x8", Operator.EXISTS, List.of("foo"),
                        "values: Invalid value: []string{\"foo\"}: values set must be empty for exists and does not exist"),
                Arguments.of("x11", Operator.GREATER_THAN, List.of("1"), null),
                Arguments.of("x13", Operator.GREATER_THAN, List.of(),
                        "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required"),
                Arguments.of("x14", Operator.GREATER_THAN, List.of("bar"),
                        "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer"),
                Arguments.of(bad254, Operator.EXISTS, List.of(),
                        "key: Invalid value: \"" + bad254 + "\": name part must be no more than 63 characters"),
                Arguments.of("x16", Operator.EQUALS, List.of(bad254),
                        "values[0][x16]: Invalid value: \"" + bad254 + "\": must be no more than 63 characters"),
                Arguments.of("x17", Operator.EQUALS, List.of("a b"),
                        "values[0][x17]: Invalid value: \"a b\": " + LABEL_VALUE_RULE),
                Arguments.of("-k", Operator.IN, null, "[key: Invalid value: \"-k\": name part " + NAME_RULE
                        + ", values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty]"));
    }

    /** TestRequirementConstructor, with the full messages. */
    @ParameterizedTest
    @MethodSource("requirementConstructor")
    void requirementConstructor(String key, Operator op, List<String> values, String error) {
        if (error == null) {
            assertThat(Requirement.of(key, op, values).key()).isEqualTo(key);
        } else {
            assertThatThrownBy(() -> Requirement.of(key, op, values)).isInstanceOf(StatusException.class)
                    .hasMessage(error);
        }
    }

    @Test
    void requirementsPrintAsUpstream() {
        assertThat(LabelSelector.fromSet(Map.of()).and(List.of(
                Requirement.of("z", Operator.EXISTS, List.of()),
                Requirement.of("x", Operator.IN, List.of("def", "abc")),
                Requirement.of("y", Operator.NOT_IN, List.of("jkl")))))
                .hasToString("x in (abc,def),y notin (jkl),z");
        assertThat(LabelSelector.everything().and(List.of(
                Requirement.of("x", Operator.NOT_IN, List.of("abc", "def")),
                Requirement.of("y", Operator.NOT_EQUALS, List.of("jkl")),
                Requirement.of("z", Operator.DOES_NOT_EXIST, List.of()))))
                .hasToString("x notin (abc,def),y!=jkl,!z");
        assertThat(LabelSelector.everything().and(List.of(
                Requirement.of("x", Operator.GREATER_THAN, List.of("2")),
                Requirement.of("y", Operator.LESS_THAN, List.of("8")))))
                .hasToString("x>2,y<8");
        assertThat(LabelSelector.nothing().and(List.of(Requirement.of("a", Operator.EXISTS, List.of()))))
                .isEqualTo(LabelSelector.nothing());
    }

    // ---- metav1.LabelSelectorAsSelector ----

    @Test
    void modelSelectorNullSelectsNothingAndEmptySelectsEverything() {
        assertThat(LabelSelector.fromModel(null)).isEqualTo(LabelSelector.nothing());
        assertThat(LabelSelector.fromModel(new io.fabric8.kubernetes.api.model.LabelSelector()))
                .isEqualTo(LabelSelector.everything());
    }

    @Test
    void modelSelectorCombinesMatchLabelsAndExpressions() {
        LabelSelector s = LabelSelector.fromModel(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("tier", "frontend", "app", "web"))
                .withMatchExpressions(
                        new LabelSelectorRequirement("env", "In", List.of("prod", "qa")),
                        new LabelSelectorRequirement("canary", "DoesNotExist", List.of()),
                        new LabelSelectorRequirement("zone", "NotIn", List.of("a")),
                        new LabelSelectorRequirement("gpu", "Exists", null))
                .build());
        assertThat(s).hasToString("app=web,!canary,env in (prod,qa),gpu,tier=frontend,zone notin (a)");
        assertThat(s.matches(Map.of("app", "web", "tier", "frontend", "env", "qa", "gpu", ""))).isTrue();
        assertThat(s.matches(Map.of("app", "web", "tier", "frontend", "env", "qa", "gpu", "", "zone", "a"))).isFalse();
        assertThat(s.matches(Map.of("app", "web", "tier", "frontend", "env", "dev", "gpu", ""))).isFalse();
    }

    static Stream<Arguments> badModelSelectors() {
        return Stream.of(
                Arguments.of(new LabelSelectorBuilder().withMatchExpressions(
                        new LabelSelectorRequirement("a", "Equals", List.of("b"))).build(),
                        "\"Equals\" is not a valid label selector operator"),
                Arguments.of(new LabelSelectorBuilder().withMatchExpressions(
                        new LabelSelectorRequirement("a", "In", List.of())).build(),
                        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
                Arguments.of(new LabelSelectorBuilder().withMatchExpressions(
                        new LabelSelectorRequirement("a", "Exists", List.of("x"))).build(),
                        "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist"),
                Arguments.of(new LabelSelectorBuilder().withMatchLabels(Map.of("a b", "c")).build(),
                        "key: Invalid value: \"a b\": name part " + NAME_RULE),
                Arguments.of(new LabelSelectorBuilder().withMatchLabels(Map.of("k", "a b")).build(),
                        "values[0][k]: Invalid value: \"a b\": " + LABEL_VALUE_RULE));
    }

    @ParameterizedTest
    @MethodSource("badModelSelectors")
    void badModelSelectorsFailAsUpstream(io.fabric8.kubernetes.api.model.LabelSelector model, String message) {
        assertThatThrownBy(() -> LabelSelector.fromModel(model))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage(message);
    }
}
