package io.kubeboot.api.selector;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.selector.FieldSelector.Requirement;
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

/** Cases from apimachinery {@code fields/selector_test.go}. */
class FieldSelectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"x=a,y=b,z=c", "", "x!=a,y=b", "x=a||y\\=b", "x=a\\=\\=b"})
    void goodStringsRoundTrip(String selector) {
        assertThat(FieldSelector.parse(selector)).hasToString(selector);
    }

    static Stream<Arguments> badStrings() {
        return Stream.of(
                Arguments.of("x=a||y=b", "invalid field selector: unescaped character in value: 61"),
                Arguments.of("x==a==b", "invalid field selector: unescaped character in value: 61"),
                Arguments.of("x=a,b", "invalid selector: 'x=a,b'; can't understand 'b'"),
                Arguments.of("x in (a)", "invalid selector: 'x in (a)'; can't understand 'x in (a)'"),
                Arguments.of("x in (a,b,c)", "invalid selector: 'x in (a,b,c)'; can't understand 'b'"),
                Arguments.of("x", "invalid selector: 'x'; can't understand 'x'"),
                Arguments.of("k=\\", "invalid field selector: invalid escape sequence: \\"),
                Arguments.of("k=\\\\\\", "invalid field selector: invalid escape sequence: \\"),
                Arguments.of("k=\\a", "invalid field selector: invalid escape sequence: \\a"));
    }

    /** Messages of the 400 Status kube-apiserver answers for a bad fieldSelector parameter. */
    @ParameterizedTest
    @MethodSource("badStrings")
    void badStrings(String selector, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(selector))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                })
                .hasMessage(message);
    }

    @Test
    void termsAreSortedBeforeParsing() {
        assertThat(FieldSelector.parse("x=a,a=x")).hasToString("a=x,x=a")
                .isEqualTo(FieldSelector.parse("a=x,x=a"));
        assertThat(FieldSelector.parse("spec.nodeName=,metadata.name==p1,status.phase!=Running").requirements())
                .containsExactly(new Requirement("metadata.name", "=", "p1"),
                        new Requirement("spec.nodeName", "=", ""),
                        new Requirement("status.phase", "!=", "Running"));
    }

    @Test
    void emptyTermsAndEmptyEqualitiesAreDropped() {
        assertThat(FieldSelector.parse("a=a,").requirements()).hasSize(1);
        assertThat(FieldSelector.parse(",a=a").requirements()).hasSize(1);
        assertThat(FieldSelector.parse("=").isEmpty()).isTrue();
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("", ""), Arguments.of("a", "a"), Arguments.of("=", "\\="), Arguments.of(",", "\\,"),
                Arguments.of("\\", "\\\\"), Arguments.of("\\=\\,\\", "\\\\\\=\\\\\\,\\\\"));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void escapeAndUnescape(String raw, String escaped) {
        assertThat(FieldSelector.escapeValue(raw)).isEqualTo(escaped);
        assertThat(FieldSelector.unescapeValue(escaped)).isEqualTo(raw);
    }

    static Stream<Arguments> matching() {
        Map<String, String> fields = Map.of("foo", "bar", "baz", "blah", "complex", "=value\\,\\");
        return Stream.of(
                Arguments.of("", Map.of("x", "y"), true),
                Arguments.of("x=y", Map.of("x", "y"), true),
                Arguments.of("x=y,z=w", Map.of("x", "y", "z", "w"), true),
                Arguments.of("x!=y,z!=w", Map.of("x", "z", "z", "a"), true),
                Arguments.of("notin=in", Map.of("notin", "in"), true),
                Arguments.of("x=y", Map.of("x", "z"), false),
                Arguments.of("x=y,z=w", Map.of("x", "w", "z", "w"), false),
                Arguments.of("x!=y,z!=w", Map.of("x", "z", "z", "w"), false),
                Arguments.of("foo=bar,baz=blah", fields, true),
                Arguments.of("foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\", fields, true),
                Arguments.of("foo=blah", fields, false),
                Arguments.of("foo=bar,foobar=bar,baz=blah", fields, false),
                // a missing field reads as "", as upstream's fields.Set.Get
                Arguments.of("spec.nodeName=", Map.of(), true),
                Arguments.of("spec.nodeName!=", Map.of(), false));
    }

    @ParameterizedTest
    @MethodSource("matching")
    void matches(String selector, Map<String, String> values, boolean expected) {
        assertThat(FieldSelector.parse(selector).matches(values::get)).isEqualTo(expected);
    }

    @Test
    void exactMatchAndOneTerm() {
        assertThat(FieldSelector.parse("metadata.name=p1,status.phase!=x").requiresExactMatch("metadata.name"))
                .contains("p1");
        assertThat(FieldSelector.parse("status.phase!=x").requiresExactMatch("status.phase")).isEmpty();
        assertThat(FieldSelector.parse("test=").requiresExactMatch("test")).contains("");
        assertThat(FieldSelector.oneTermEqual("x", "y").matches(Map.of("x", "y")::get)).isTrue();
        assertThat(FieldSelector.oneTermEqual("x", "y").matches(Map.of("x", "z")::get)).isFalse();
        assertThat(FieldSelector.everything().isEmpty()).isTrue();
    }

    /** TestTransform. */
    @Test
    void transformRewritesOrDropsTerms() {
        FieldSelector s = FieldSelector.parse("a=b,c=d,e=f");
        assertThat(s.transform(r -> r.field().equals("c") ? new Requirement("", "=", "") : r)).hasToString("a=b,e=f");
        assertThat(s.transform(r -> r.field().equals("a") ? new Requirement("x", "=", "y") : r))
                .hasToString("x=y,c=d,e=f");
        assertThat(FieldSelector.parse("a=b").transform(r -> new Requirement("", "=", "")).isEmpty()).isTrue();
        assertThatThrownBy(() -> s.transform(r -> {
            throw ApiErrors.badRequest("field label not supported: " + r.field());
        })).hasMessage("field label not supported: a");
        assertThat(s.requirements()).extracting(Requirement::field).isEqualTo(List.of("a", "c", "e"));
    }
}
