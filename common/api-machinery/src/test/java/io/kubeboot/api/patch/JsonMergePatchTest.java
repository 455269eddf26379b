package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonMergePatchTest {

    /** RFC 7386 appendix A, plus the bodies kubectl sends as merge patches. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
                Arguments.of("{'a':'b'}", "{'a':null}", "{}"),
                Arguments.of("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
                Arguments.of("{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
                Arguments.of("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"),
                Arguments.of("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"),
                Arguments.of("['a','b']", "['c','d']", "['c','d']"),
                Arguments.of("{'a':'b'}", "['c']", "['c']"),
                Arguments.of("{'e':null}", "{'a':1}", "{'e':null,'a':1}"),
                Arguments.of("[1,2]", "{'a':'b','c':null}", "{'a':'b'}"),
                Arguments.of("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"),
                // null list elements are kept, nulls inside added objects dropped (evanphx v4)
                Arguments.of("{}", "{'a':[null,{'b':null,'c':1}]}", "{'a':[null,{'c':1}]}"),
                // kubectl label / annotate (CreateMergePatch of old and new object)
                Arguments.of("{'metadata':{'name':'p','labels':{'app':'web'}}}",
                        "{'metadata':{'labels':{'env':'prod'}}}",
                        "{'metadata':{'name':'p','labels':{'app':'web','env':'prod'}}}"),
                Arguments.of("{'metadata':{'name':'p','labels':{'app':'web','env':'prod'}}}",
                        "{'metadata':{'labels':{'env':null}}}",
                        "{'metadata':{'name':'p','labels':{'app':'web'}}}"),
                Arguments.of("{'metadata':{'name':'p'}}",
                        "{'metadata':{'annotations':{'note':'hi'},'resourceVersion':'7'}}",
                        "{'metadata':{'name':'p','annotations':{'note':'hi'},'resourceVersion':'7'}}"),
                // kubectl scale: PATCH deployments/d1/scale
                Arguments.of("{'kind':'Scale','spec':{'replicas':1},'status':{'replicas':1,'selector':'app=x'}}",
                        "{'spec':{'replicas':3}}",
                        "{'kind':'Scale','spec':{'replicas':3},'status':{'replicas':1,'selector':'app=x'}}"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void appliesAsUpstream(String original, String patch, String expected) {
        JsonNode o = j(original);
        JsonNode p = j(patch);
        JsonNode before = o.deepCopy();
        JsonNode beforePatch = p.deepCopy();
        assertThat(JsonMergePatch.apply(o, p)).isEqualTo(j(expected));
        assertThat(o).as("original untouched").isEqualTo(before);
        assertThat(p).as("patch untouched").isEqualTo(beforePatch);
    }

    /** RFC 7386 would return the patch itself; kube-apiserver's engine refuses null and scalar patches. */
    @ParameterizedTest
    @MethodSource("badPatches")
    void nullOrScalarPatchIsBadRequest(String patch) {
        assertThatThrownBy(() -> JsonMergePatch.apply(j("{'a':'foo'}"), j(patch)))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo("Invalid JSON Patch");
                });
    }

    static Stream<String> badPatches() {
        return Stream.of("null", "'bar'", "1", "true");
    }

    @Test
    void resultSharesNoNodesWithThePatch() {
        JsonNode patch = j("{'a':{'b':1}}");
        JsonNode result = JsonMergePatch.apply(j("{}"), patch);
        ((com.fasterxml.jackson.databind.node.ObjectNode) result.get("a")).put("c", 2);
        assertThat(patch).isEqualTo(j("{'a':{'b':1}}"));
    }

    static JsonNode j(String json) {
        try {
            return Json.MAPPER.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
