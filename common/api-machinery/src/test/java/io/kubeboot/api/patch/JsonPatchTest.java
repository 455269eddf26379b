package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.kubeboot.api.patch.JsonMergePatchTest.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cases in the spirit of RFC 6902 appendix A and evanphx/json-patch v4 patch_test.go. */
class JsonPatchTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]", "{'foo':'bar','baz':'qux'}"),
                Arguments.of("{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]",
                        "{'foo':['bar','qux','baz']}"),
                Arguments.of("{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':'end'}]", "{'foo':['bar','end']}"),
                Arguments.of("{'foo':['bar']}", "[{'op':'add','path':'/foo/1','value':'end'}]", "{'foo':['bar','end']}"),
                // v4 counts a negative add index against the grown list: -1 appends, -2 inserts before the last
                Arguments.of("{'foo':['a','b']}", "[{'op':'add','path':'/foo/-1','value':'x'}]", "{'foo':['a','b','x']}"),
                Arguments.of("{'foo':['a','b']}", "[{'op':'add','path':'/foo/-2','value':'x'}]", "{'foo':['a','x','b']}"),
                Arguments.of("{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}"),
                Arguments.of("{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]", "{'foo':['bar','baz']}"),
                Arguments.of("{'foo':['a','b','c']}", "[{'op':'remove','path':'/foo/-1'}]", "{'foo':['a','b']}"),
                Arguments.of("{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]",
                        "{'baz':'boo','foo':'bar'}"),
                // v4 quirk: replace of a missing object key adds it
                Arguments.of("{'foo':'bar'}", "[{'op':'replace','path':'/new','value':1}]", "{'foo':'bar','new':1}"),
                Arguments.of("{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
                        "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
                        "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
                Arguments.of("{'foo':['all','grass','cows','eat']}", "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
                        "{'foo':['all','cows','eat','grass']}"),
                Arguments.of("{'foo':{'a':[1]}}", "[{'op':'copy','from':'/foo/a','path':'/bar'}]",
                        "{'foo':{'a':[1]},'bar':[1]}"),
                Arguments.of("{'baz':'qux','foo':['a',2,'c']}",
                        "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]",
                        "{'baz':'qux','foo':['a',2,'c']}"),
                Arguments.of("{'/':9,'~1':10,'m~n':8}",
                        "[{'op':'replace','path':'/~1','value':1},{'op':'replace','path':'/~01','value':2},"
                                + "{'op':'remove','path':'/m~0n'}]",
                        "{'/':1,'~1':2}"),
                Arguments.of("{'foo':'bar'}", "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
                        "{'foo':'bar','child':{'grandchild':{}}}"),
                Arguments.of("{'foo':'bar'}", "[{'op':'add','path':'/n'}]", "{'foo':'bar','n':null}"),
                Arguments.of("{'foo':'bar'}", "[{'op':'replace','path':'','value':{'baz':'qux'}}]", "{'baz':'qux'}"),
                Arguments.of("{'foo':null}", "[{'op':'test','path':'/foo','value':null}]", "{'foo':null}"),
                Arguments.of("{'a':{'b':1}}", "[{'op':'test','path':'','value':{'a':{'b':1}}}]", "{'a':{'b':1}}"),
                // a typical client body: bump replicas guarded by a test of the resourceVersion
                Arguments.of("{'metadata':{'resourceVersion':'5'},'spec':{'replicas':1}}",
                        "[{'op':'test','path':'/metadata/resourceVersion','value':'5'},"
                                + "{'op':'replace','path':'/spec/replicas','value':4}]",
                        "{'metadata':{'resourceVersion':'5'},'spec':{'replicas':4}}"),
                Arguments.of("{'a':1}", "[]", "{'a':1}"),
                Arguments.of("{'a':1}", "null", "{'a':1}"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void applies(String original, String patch, String expected) {
        JsonNode o = j(original);
        JsonNode before = o.deepCopy();
        assertThat(JsonPatch.apply(o, j(patch))).isEqualTo(j(expected));
        assertThat(o).isEqualTo(before);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]",
                        "testing value /baz failed: test failed"),
                Arguments.of("{'foo':['a',2]}", "[{'op':'test','path':'/foo/1','value':2.0}]",
                        "testing value /foo/1 failed: test failed"),
                Arguments.of("{'foo':'bar'}", "[{'op':'test','path':'/baz','value':'x'}]",
                        "testing value /baz failed: test failed"),
                Arguments.of("{'foo':'bar'}", "[{'op':'add','path':'/baz/bat','value':'qux'}]",
                        "add operation does not apply: doc is missing path: \"/baz/bat\": missing value"),
                Arguments.of("{'foo':'bar'}", "[{'op':'remove','path':'/baz'}]",
                        "error in remove for path: '/baz': Unable to remove nonexistent key: baz: missing value"),
                Arguments.of("{'foo':['bar']}", "[{'op':'add','path':'/foo/5','value':1}]",
                        "error in add for path: '/foo/5': Unable to access invalid index: 5: invalid index referenced"),
                Arguments.of("{'foo':['bar']}", "[{'op':'add','path':'/foo/x','value':1}]",
                        "error in add for path: '/foo/x': value was not a proper array index: 'x': "
                                + "strconv.Atoi: parsing \"x\": invalid syntax"),
                Arguments.of("{'foo':['bar']}", "[{'op':'replace','path':'/foo/1','value':1}]",
                        "replace operation does not apply: doc is missing key: /foo/1: missing value"),
                Arguments.of("{'foo':'bar'}", "[{'op':'move','from':'/nope','path':'/x'}]",
                        "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"),
                Arguments.of("{'foo':'bar'}", "[{'op':'copy','from':'/a/b','path':'/x'}]",
                        "copy operation does not apply: doc is missing from path: /a/b: missing value"),
                Arguments.of("{'foo':'bar'}", "[{'op':'add','path':'','value':{}}]",
                        "add operation does not apply: doc is missing path: \"\": missing value"),
                Arguments.of("{'foo':'bar'}", "[{'op':'frob','path':'/foo'}]", "Unexpected kind: frob"),
                Arguments.of("{'foo':'bar'}", "[{'path':'/foo'}]", "Unexpected kind: unknown"),
                Arguments.of("{'foo':'bar'}", "[{'op':'replace','path':'','value':1}]",
                        "replace operation value must be object or array"),
                // the whole patch fails, even after operations that applied
                Arguments.of("{'a':1}", "[{'op':'add','path':'/b','value':2},{'op':'test','path':'/a','value':2}]",
                        "testing value /a failed: test failed"));
    }

    /** kube-apiserver hides the engine's text behind a fixed 422 message. */
    @ParameterizedTest
    @MethodSource("failures")
    void failingOperationsAreUnprocessable(String original, String patch, String engineMessage) {
        assertThatThrownBy(() -> JsonPatch.applyOperations(j(original), j(patch)))
                .isInstanceOf(JsonPatch.Failure.class).hasMessage(engineMessage);
        assertThatThrownBy(() -> JsonPatch.apply(j(original), j(patch)))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("the server rejected our request due to an error in our request");
                });
    }

    @Test
    void undecodablePatchesAreBadRequests() {
        assertThatThrownBy(() -> JsonPatch.apply(j("{}"), j("{'op':'add'}")))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        assertThatThrownBy(() -> JsonPatch.apply(j("{}"), j("[1]")))
                .hasMessage("json: cannot unmarshal number into Go value of type jsonpatch.Operation");
    }

    @Test
    void tooManyOperationsIsRequestEntityTooLarge() {
        ArrayNode ops = Json.NODES.arrayNode();
        for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
            ops.add(j("{'op':'test','path':'/a','value':1}"));
        }
        assertThatThrownBy(() -> JsonPatch.apply(j("{'a':1}"), ops))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo(
                            "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
                });
    }
}
