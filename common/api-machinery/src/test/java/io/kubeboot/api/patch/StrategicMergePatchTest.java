package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeboot.api.errors.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.kubeboot.api.patch.JsonMergePatchTest.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cases ported in spirit from apimachinery {@code strategicpatch/patch_test.go} (its mergingList
 * becomes containers merged by name, mergingIntList becomes finalizers) and the bodies kubectl 1.32
 * sends.
 */
class StrategicMergePatchTest {

    private static Arguments c(String name, Class<?> model, String original, String patch, String expected) {
        return Arguments.of(name, model, original, patch, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("merge list by key: update one item, add another", Pod.class,
                        "{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'b:2'},{'name':'c','image':'c:1'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:2'},"
                                + "{'name':'c','image':'c:1'}]}}"),
                c("merge by an integer key (ports by containerPort)", Pod.class,
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http','protocol':'TCP'}]}]}}"),
                c("a float merge key never equals an int64 one, as in Go", Pod.class,
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80.0,'protocol':'TCP'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80.0,'protocol':'TCP'},"
                                + "{'containerPort':80,'name':'http'}]}]}}"),
                c("delete a list item with $patch: delete", Pod.class,
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'containers':[{'$patch':'delete','name':'a'}]}}",
                        "{'spec':{'containers':[{'name':'b'}]}}"),
                c("replace a merging list with $patch: replace", Pod.class,
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'containers':[{'name':'c','image':'c'},{'$patch':'replace'}]}}",
                        "{'spec':{'containers':[{'name':'c','image':'c'}]}}"),
                c("replace a map with $patch: replace", Pod.class,
                        "{'spec':{'nodeSelector':{'a':'1','b':'2'}}}",
                        "{'spec':{'nodeSelector':{'$patch':'replace','c':'3'}}}",
                        "{'spec':{'nodeSelector':{'c':'3'}}}"),
                c("empty a map with $patch: delete", Pod.class,
                        "{'spec':{'securityContext':{'runAsUser':1},'nodeName':'n'}}",
                        "{'spec':{'securityContext':{'$patch':'delete'}}}",
                        "{'spec':{'securityContext':{},'nodeName':'n'}}"),
                c("null deletes a field; a null for an absent field is dropped", Pod.class,
                        "{'spec':{'nodeName':'n','hostname':'h'}}",
                        "{'spec':{'nodeName':null,'subdomain':null}}",
                        "{'spec':{'hostname':'h'}}"),
                c("nulls inside an added value are dropped, items with directives too", Pod.class,
                        "{'spec':{}}",
                        "{'spec':{'containers':[{'name':'c','image':null,'args':['x']},{'name':'d','$patch':'delete'}]}}",
                        "{'spec':{'containers':[{'name':'c','args':['x']}]}}"),
                c("lists without a strategy are replaced (tolerations)", Pod.class,
                        "{'spec':{'tolerations':[{'key':'a','operator':'Exists'}]}}",
                        "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}",
                        "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}"),
                c("primitive lists without a strategy are replaced (args)", Pod.class,
                        "{'spec':{'containers':[{'name':'a','args':['1','2']}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['3']}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['3']}]}}"),
                c("maps merge recursively", Pod.class,
                        "{'metadata':{'name':'p','labels':{'a':'1','b':'2'}}}",
                        "{'metadata':{'labels':{'b':null,'c':'3'}}}",
                        "{'metadata':{'name':'p','labels':{'a':'1','c':'3'}}}"),
                c("merging primitive list: union in live order", Pod.class,
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'finalizers':['b','c']}}",
                        "{'metadata':{'finalizers':['a','b','c']}}"),
                c("merging primitive list: new items go first when the live list cannot order them", Pod.class,
                        "{'metadata':{'finalizers':['a']}}",
                        "{'metadata':{'finalizers':['b']}}",
                        "{'metadata':{'finalizers':['b','a']}}"),
                c("$deleteFromPrimitiveList removes items", Pod.class,
                        "{'metadata':{'finalizers':['1','2','3']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['2']}}",
                        "{'metadata':{'finalizers':['1','3']}}"),
                c("$deleteFromPrimitiveList of an absent item changes nothing", Pod.class,
                        "{'metadata':{'finalizers':['1','2']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['3']}}",
                        "{'metadata':{'finalizers':['1','2']}}"),
                c("$deleteFromPrimitiveList on an absent list adds nothing", Pod.class,
                        "{'metadata':{'name':'p'}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['3']}}",
                        "{'metadata':{'name':'p'}}"),
                c("$deleteFromPrimitiveList works on a list without strategy", Service.class,
                        "{'spec':{'externalIPs':['1.1.1.1','2.2.2.2','3.3.3.3']}}",
                        "{'spec':{'$deleteFromPrimitiveList/externalIPs':['2.2.2.2']}}",
                        "{'spec':{'externalIPs':['1.1.1.1','3.3.3.3']}}"),
                c("$setElementOrder naming an item absent from the list", Pod.class,
                        "{'spec':{'containers':[{'name':'1'},{'name':'3'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'3'},{'name':'2'},{'name':'1'}],"
                                + "'containers':[{'name':'3','image':'3'},{'name':'1','image':'1'}]}}",
                        "{'spec':{'containers':[{'name':'3','image':'3'},{'name':'1','image':'1'}]}}"),
                c("$setElementOrder of a primitive list", Pod.class,
                        "{'metadata':{'finalizers':['1','3']}}",
                        "{'metadata':{'$setElementOrder/finalizers':['3','2','1']}}",
                        "{'metadata':{'finalizers':['3','1']}}"),
                c("$setElementOrder with server-only items", Pod.class,
                        "{'spec':{'containers':[{'name':'1','workingDir':'a'},{'name':'3','image':'3'},"
                                + "{'name':'4','image':'4'},{'name':'2','image':'2'},{'name':'9'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'4'},{'name':'2'},{'name':'3'},{'name':'1'}]}}",
                        "{'spec':{'containers':[{'name':'4','image':'4'},{'name':'2','image':'2'},"
                                + "{'name':'3','image':'3'},{'name':'1','workingDir':'a'},{'name':'9'}]}}"),
                c("$setElementOrder with server-only items 2", Pod.class,
                        "{'spec':{'containers':[{'name':'1','workingDir':'a'},{'name':'2','image':'2'},{'name':'9'},"
                                + "{'name':'3','image':'3'},{'name':'4','image':'4'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'}]}}",
                        "{'spec':{'containers':[{'name':'2','image':'2'},{'name':'1','workingDir':'a'},{'name':'9'},"
                                + "{'name':'4','image':'4'},{'name':'3','image':'3'}]}}"),
                c("$setElementOrder with server-only items 3", Pod.class,
                        "{'spec':{'containers':[{'name':'1','workingDir':'a'},{'name':'2','image':'2'},{'name':'7'},"
                                + "{'name':'9'},{'name':'8'},{'name':'3','image':'3'},{'name':'4','image':'4'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'}]}}",
                        "{'spec':{'containers':[{'name':'2','image':'2'},{'name':'1','workingDir':'a'},{'name':'7'},"
                                + "{'name':'9'},{'name':'8'},{'name':'4','image':'4'},{'name':'3','image':'3'}]}}"),
                c("$setElementOrder on a list with duplicate keys", Pod.class,
                        "{'spec':{'containers':[{'name':'1'},{'name':'2','image':'dup1'},{'name':'3'},"
                                + "{'name':'2','image':'dup2'},{'name':'4'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'},"
                                + "{'name':'2'}]}}",
                        "{'spec':{'containers':[{'name':'2','image':'dup1'},{'name':'2','image':'dup2'},{'name':'1'},"
                                + "{'name':'4'},{'name':'3'}]}}"),
                c("$retainKeys clears the other member of a union (deployment strategy)", Deployment.class,
                        "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'type':'Recreate'}}}"),
                c("$retainKeys in a merged list item (volume source switch)", Pod.class,
                        "{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}]}}",
                        "{'spec':{'volumes':[{'$retainKeys':['hostPath','name'],'name':'v','hostPath':{'path':'/x'}}]}}",
                        "{'spec':{'volumes':[{'name':'v','hostPath':{'path':'/x'}},{'name':'w','emptyDir':{}}]}}"),
                c("ownerReferences merge by uid", Pod.class,
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'a','kind':'ReplicaSet'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'1','controller':true},{'uid':'2','name':'b'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'a','kind':'ReplicaSet','controller':true},"
                                + "{'uid':'2','name':'b'}]}}"),
                c("node conditions merge by type", Node.class,
                        "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'MemoryPressure','status':'False'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'False','reason':'KubeletDown'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'False','reason':'KubeletDown'},"
                                + "{'type':'MemoryPressure','status':'False'}]}}"),
                c("service ports merge by port", Service.class,
                        "{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443}]}}",
                        "{'spec':{'ports':[{'port':443,'name':'https'}]}}",
                        "{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443,'name':'https'}]}}"),
                // ---- bodies kubectl 1.32 sends ----
                c("kubectl apply: re-apply without env var B", Deployment.class,
                        "{'metadata':{'name':'d','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old'}},"
                                + "'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'app','image':'app:1',"
                                + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}}}",
                        "{'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'}},"
                                + "'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'}],"
                                + "'containers':[{'$setElementOrder/env':[{'name':'A'}],"
                                + "'env':[{'$patch':'delete','name':'B'}],'name':'app'}]}}}}",
                        "{'metadata':{'name':'d','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'}},"
                                + "'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'app','image':'app:1',"
                                + "'env':[{'name':'A','value':'1'}]}]}}}}"),
                c("kubectl apply: re-apply changing a value and adding a container", Deployment.class,
                        "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'app:1'}]}}}}",
                        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'side'},{'name':'app'}],"
                                + "'containers':[{'image':'side:1','name':'side'},{'image':'app:2','name':'app'}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':[{'image':'side:1','name':'side'},"
                                + "{'name':'app','image':'app:2'}]}}}}"),
                c("kubectl set image", Deployment.class,
                        "{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.24','ports':"
                                + "[{'containerPort':80}]},{'name':'log','image':'busybox'}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':[{'image':'nginx:1.25','name':'nginx'}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.25','ports':"
                                + "[{'containerPort':80}]},{'name':'log','image':'busybox'}]}}}}"),
                c("kubectl rollout restart", Deployment.class,
                        "{'spec':{'template':{'metadata':{'labels':{'app':'x'}},'spec':{'containers':[{'name':'a'}]}}}}",
                        "{'spec':{'template':{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':"
                                + "'2025-01-01T00:00:00Z'}}}}}",
                        "{'spec':{'template':{'metadata':{'labels':{'app':'x'},'annotations':{"
                                + "'kubectl.kubernetes.io/restartedAt':'2025-01-01T00:00:00Z'}},"
                                + "'spec':{'containers':[{'name':'a'}]}}}}"),
                c("kubectl label (as SMP, same result as merge patch)", Pod.class,
                        "{'metadata':{'labels':{'app':'web'}}}",
                        "{'metadata':{'labels':{'env':'prod','app':null}}}",
                        "{'metadata':{'labels':{'env':'prod'}}}"),
                c("kubectl scale body (merge patch shape) on the object", Deployment.class,
                        "{'spec':{'replicas':1,'selector':{'matchLabels':{'app':'x'}}}}",
                        "{'spec':{'replicas':3}}",
                        "{'spec':{'replicas':3,'selector':{'matchLabels':{'app':'x'}}}}"),
                c("kubectl taint adds a taint: taints have no strategy, the list is replaced", Node.class,
                        "{'spec':{'taints':[{'key':'a','effect':'NoSchedule'}]}}",
                        "{'spec':{'taints':[{'effect':'NoSchedule','key':'a'},{'effect':'NoExecute','key':'b','value':'v'}]}}",
                        "{'spec':{'taints':[{'effect':'NoSchedule','key':'a'},{'effect':'NoExecute','key':'b','value':'v'}]}}"),
                c("kubectl taint removes the last taint", Node.class,
                        "{'spec':{'podCIDR':'10.0.0.0/24','taints':[{'key':'a','effect':'NoSchedule'}]}}",
                        "{'spec':{'taints':null}}",
                        "{'spec':{'podCIDR':'10.0.0.0/24'}}"),
                c("kubectl cordon", Node.class,
                        "{'spec':{'podCIDR':'10.0.0.0/24'}}",
                        "{'spec':{'unschedulable':true}}",
                        "{'spec':{'podCIDR':'10.0.0.0/24','unschedulable':true}}"),
                c("kubectl uncordon", Node.class,
                        "{'spec':{'podCIDR':'10.0.0.0/24','unschedulable':true}}",
                        "{'spec':{'unschedulable':null}}",
                        "{'spec':{'podCIDR':'10.0.0.0/24'}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applies(String name, Class<?> model, String original, String patch, String expected) {
        JsonNode o = j(original);
        JsonNode p = j(patch);
        JsonNode oBefore = o.deepCopy();
        JsonNode pBefore = p.deepCopy();
        assertThat(StrategicMergePatch.apply(o, p, model)).isEqualTo(j(expected));
        assertThat(o).as("original untouched").isEqualTo(oBefore);
        assertThat(p).as("patch untouched").isEqualTo(pBefore);
    }

    private static Arguments e(String name, String original, String patch, int code, String reason, String message) {
        return Arguments.of(name, Pod.class, original, patch, code, reason, message);
    }

    private static Arguments e(String name, Class<?> model, String original, String patch, int code, String reason,
                               String message) {
        return Arguments.of(name, model, original, patch, code, reason, message);
    }

    static Stream<Arguments> errors() {
        String generic422 = "the server rejected our request due to an error in our request";
        return Stream.of(
                e("unknown $patch in a map", "{'spec':{'nodeSelector':{'a':'1'}}}",
                        "{'spec':{'nodeSelector':{'$patch':'foo'}}}", 500, "", "unknown patch type: foo in map: map[$patch:foo]"),
                e("unknown $patch in a list item", "{'spec':{'containers':[{'name':'a'}]}}",
                        "{'spec':{'containers':[{'$patch':'foo','name':'a'}]}}", 500, "",
                        "unknown patch type: foo in map: map[$patch:foo name:a]"),
                e("non-string $patch", "{'spec':{}}", "{'spec':{'$patch':1}}", 500, "",
                        "unknown patch type: %!s(int64=1) in map: map[$patch:1]"),
                e("$patch: merge in a list", "{'spec':{'containers':[{'name':'a'}]}}",
                        "{'spec':{'containers':[{'$patch':'merge'}]}}", 500, "",
                        "merging lists cannot yet be specified in the patch"),
                e("list item without its merge key", "{'spec':{'containers':[{'name':'a','image':'a'}]}}",
                        "{'spec':{'containers':[{'image':'b'}]}}", 500, "",
                        "map: map[image:b] does not contain declared merge key: name"),
                e("$patch: delete without the merge key", "{'spec':{'containers':[{'name':'a'}]}}",
                        "{'spec':{'containers':[{'$patch':'delete'}]}}", 500, "",
                        "map: map[$patch:delete] does not contain declared merge key: name"),
                e("$retainKeys that is not a list", Deployment.class, "{'spec':{'strategy':{'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'$retainKeys':'type'}}}", 400, "BadRequest",
                        "invalid patch format of retainKeys"),
                e("patch field missing from $retainKeys", Deployment.class, "{'spec':{'strategy':{'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'RollingUpdate','rollingUpdate':{}}}}",
                        400, "BadRequest", "invalid patch format of retainKeys"),
                e("malformed $deleteFromPrimitiveList key", "{'metadata':{'finalizers':['a']}}",
                        "{'metadata':{'$deleteFromPrimitiveListX/finalizers':['a']}}", 400, "BadRequest",
                        "invalid patch format of primitive list"),
                e("malformed $setElementOrder key", "{'metadata':{'finalizers':['a']}}",
                        "{'metadata':{'$setElementOrder':['a']}}", 400, "BadRequest",
                        "invalid patch format of setElementOrder list"),
                e("$setElementOrder that is not a list", "{'metadata':{'finalizers':['a']}}",
                        "{'metadata':{'$setElementOrder/finalizers':'a'}}", 500, "",
                        "expected a []interface {}, but received a string"),
                e("patch list order contradicting $setElementOrder",
                        "{'spec':{'containers':[{'name':'1'},{'name':'3'},{'name':'2'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'1'},{'name':'2'},{'name':'3'}],"
                                + "'containers':[{'name':'3','image':'3'},{'name':'1','image':'1'}]}}", 500, "",
                        "The order in patch list:\n[map[image:3 name:3] map[image:1 name:1]]\n doesn't match "
                                + "$setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n"),
                e("lists of lists", "{'metadata':{'finalizers':[['a']]}}", "{'metadata':{'finalizers':[['b']]}}",
                        422, "Invalid", generic422),
                e("mixed element types", "{'metadata':{'finalizers':['a']}}", "{'metadata':{'finalizers':[1]}}",
                        500, "", "list element types are not identical: [[a] [1]]"),
                e("merging list of objects without a merge key", "{'metadata':{'finalizers':[{'a':1}]}}",
                        "{'metadata':{'finalizers':[{'b':2}]}}", 500, "",
                        "cannot merge lists without merge key for string"),
                e("unknown field met while merging", "{'spec':{'foo':{'a':1}}}", "{'spec':{'foo':{'b':2}}}",
                        500, "", "unable to find api field in struct PodSpec for the json field \"foo\""),
                e("patch that is not an object", "{}", "[{'op':'add'}]", 400, "BadRequest",
                        "json: cannot unmarshal array into Go value of type map[string]interface {}"));
    }

    /** The Status kube-apiserver answers (interpretStrategicMergePatchError / ErrorToAPIStatus). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void failsAsKubeApiserver(String name, Class<?> model, String original, String patch, int code, String reason,
                              String message) {
        assertThatThrownBy(() -> StrategicMergePatch.apply(j(original), j(patch), model))
                .isInstanceOfSatisfying(StatusException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(code);
                    assertThat(ex.reason()).isEqualTo(reason);
                    assertThat(ex.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void unknownScalarFieldsAreTakenAsTheyAre() {
        // only the later decode into the typed object (with fieldValidation) rejects them
        assertThat(StrategicMergePatch.apply(j("{'spec':{}}"), j("{'spec':{'foo':1}}"), Pod.class))
                .isEqualTo(j("{'spec':{'foo':1}}"));
    }

    @Test
    void nullPatchChangesNothing() {
        JsonNode o = j("{'spec':{'nodeName':'n'}}");
        JsonNode result = StrategicMergePatch.apply(o, j("null"), Pod.class);
        assertThat(result).isEqualTo(o).isNotSameAs(o);
    }
}
