package io.kubeboot.api.patch;

import io.kubeboot.api.errors.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static io.kubeboot.api.patch.JsonMergePatchTest.j;
import static io.kubeboot.api.patch.PatchType.JSON_PATCH;
import static io.kubeboot.api.patch.PatchType.MERGE_PATCH;
import static io.kubeboot.api.patch.PatchType.STRATEGIC_MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatchDocumentsTest {

    /** Go encoding/json scanner texts (scanner_test.go style inputs). */
    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("", "unexpected end of JSON input"),
                Arguments.of("{", "unexpected end of JSON input"),
                Arguments.of("{\"a\":1", "unexpected end of JSON input"),
                Arguments.of("x", "invalid character 'x' looking for beginning of value"),
                Arguments.of("{\"a\":1,}", "invalid character '}' looking for beginning of object key string"),
                Arguments.of("{a:1}", "invalid character 'a' looking for beginning of object key string"),
                Arguments.of("{\"a\" 1}", "invalid character '1' after object key"),
                Arguments.of("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair"),
                Arguments.of("[1 2]", "invalid character '2' after array element"),
                Arguments.of("{} {}", "invalid character '{' after top-level value"),
                Arguments.of("{\"a\":tru}", "invalid character '}' in literal true (expecting 'e')"),
                Arguments.of("{\"a\":nul}", "invalid character '}' in literal null (expecting 'l')"),
                Arguments.of("{\"a\":-}", "invalid character '}' in numeric literal"),
                Arguments.of("{\"a\":1.}", "invalid character '}' after decimal point in numeric literal"),
                Arguments.of("{\"a\":1e}", "invalid character '}' in exponent of numeric literal"),
                Arguments.of("{\"a\":\"\\x\"}", "invalid character 'x' in string escape code"),
                Arguments.of("{\"a\":\"\\u12g4\"}", "invalid character 'g' in \\u hexadecimal character escape"),
                Arguments.of("{\"a\":\"\t\"}", "invalid character '\\t' in string literal"),
                Arguments.of("{'a':1}", "invalid character '\\'' looking for beginning of object key string"),
                Arguments.of("{\"a\":01}", "invalid character '1' after object key:value pair"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void strategicMergePatchSyntaxErrorsAreGoTexts(String body, String message) {
        assertBadRequest(STRATEGIC_MERGE_PATCH, body, false, message);
        assertBadRequest(JSON_PATCH, body, false, message);
        assertBadRequest(JSON_PATCH, body, true, "error decoding patch: " + message);
        assertBadRequest(MERGE_PATCH, body, false, "Invalid JSON Patch");
        assertBadRequest(MERGE_PATCH, body, true, "error decoding patch: " + message);
    }

    @Test
    void wrongDocumentKinds() {
        assertBadRequest(STRATEGIC_MERGE_PATCH, "[]", false,
                "json: cannot unmarshal array into Go value of type map[string]interface {}");
        assertBadRequest(STRATEGIC_MERGE_PATCH, "\"x\"", true,
                "json: cannot unmarshal string into Go value of type map[string]interface {}");
        assertBadRequest(MERGE_PATCH, "1", false, "Invalid JSON Patch");
        assertBadRequest(MERGE_PATCH, "null", false, "Invalid JSON Patch");
        assertBadRequest(MERGE_PATCH, "null", true, "Invalid JSON Patch");
        assertBadRequest(MERGE_PATCH, "[1]", true,
                "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}");
        assertBadRequest(JSON_PATCH, "{\"op\":\"add\"}", false,
                "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        assertBadRequest(JSON_PATCH, "{\"op\":\"add\"}", true,
                "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
    }

    @Test
    void goodDocumentsDecode() {
        assertThat(PatchDocuments.decode(STRATEGIC_MERGE_PATCH, bytes("{\"spec\":{\"replicas\":2}}"), true))
                .isEqualTo(j("{'spec':{'replicas':2}}"));
        assertThat(PatchDocuments.decode(STRATEGIC_MERGE_PATCH, bytes(" null "), false).isNull()).isTrue();
        assertThat(PatchDocuments.decode(MERGE_PATCH, bytes("[1]"), false)).isEqualTo(j("[1]"));
        assertThat(PatchDocuments.decode(JSON_PATCH, bytes("[{\"op\":\"remove\",\"path\":\"/a\"}]"), true))
                .isEqualTo(j("[{'op':'remove','path':'/a'}]"));
    }

    @Test
    void contentTypesAndDispatch() {
        assertThat(PatchType.fromContentType("application/strategic-merge-patch+json; charset=utf-8"))
                .contains(STRATEGIC_MERGE_PATCH);
        assertThat(PatchType.fromContentType("application/merge-patch+json")).contains(MERGE_PATCH);
        assertThat(PatchType.fromContentType("application/json-patch+json")).contains(JSON_PATCH);
        assertThat(PatchType.fromContentType("application/apply-patch+yaml")).isEmpty();
        assertThat(MERGE_PATCH.apply(j("{'a':1}"), j("{'b':2}"), null)).isEqualTo(j("{'a':1,'b':2}"));
    }

    @Test
    void quoteCharMatchesGo() {
        assertThat(GoJsonSyntax.quoteChar('\\')).isEqualTo("'\\\\'");
        assertThat(GoJsonSyntax.quoteChar(1)).isEqualTo("'\\x01'");
        assertThat(GoJsonSyntax.quoteChar(0x85)).isEqualTo("'\\u0085'");
        assertThat(GoJsonSyntax.quoteChar(0xe9)).isEqualTo("'é'");
    }

    private static void assertBadRequest(PatchType type, String body, boolean strict, String message) {
        assertThatThrownBy(() -> PatchDocuments.decode(type, bytes(body), strict))
                .as("%s strict=%s %s", type, strict, body)
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
