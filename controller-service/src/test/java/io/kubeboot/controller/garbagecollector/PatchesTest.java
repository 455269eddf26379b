package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.patch.StrategicMergePatch;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kubeboot.controller.garbagecollector.GcFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

/** Upstream TestDeleteOwnerRefPatch and TestUnblockOwnerReference, applied with KubeBoot's strategic merge patch. */
class PatchesTest {
    private static OwnerReference owner(String uid, Boolean block) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ReplicationController").withName("rc-" + uid)
                .withUid(uid).withBlockOwnerDeletion(block).build();
    }

    private static Pod pod(List<OwnerReference> refs) {
        Pod p = new Pod();
        p.setApiVersion("v1");
        p.setKind("Pod");
        p.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("p").withUid("100")
                .withOwnerReferences(refs).build());
        return p;
    }

    private static Pod apply(Pod original, String patch) throws Exception {
        var patched = StrategicMergePatch.apply(Json.MAPPER.valueToTree(original), Json.MAPPER.readTree(patch), Pod.class);
        return Json.MAPPER.treeToValue(patched, Pod.class);
    }

    @Test
    void deleteOwnerRefRemovesOnlyTheNamedOwners() throws Exception {
        Pod original = pod(List.of(owner("1", null), owner("2", null), owner("3", null)));

        Pod patched = apply(original, Patches.deleteOwnerRefStrategicMerge("100", List.of("2", "3")));

        assertThat(patched.getMetadata().getOwnerReferences()).containsExactly(owner("1", null));
        assertThat(patched.getMetadata().getUid()).isEqualTo("100");
    }

    @Test
    void unblockOwnerReferencesClearsOnlyBlockingOnes() throws Exception {
        List<OwnerReference> refs = List.of(owner("1", true), owner("2", false), owner("3", null));
        Node n = new Node(id("v1", "Pod", "", "p", "100"), refs, false, false, false);

        Pod patched = apply(pod(refs), Patches.unblockOwnerReferencesStrategicMerge(n));

        assertThat(patched.getMetadata().getOwnerReferences())
                .containsExactly(owner("1", false), owner("2", false), owner("3", null));
    }

    @Test
    void jsonMergePatchesPinTheResourceVersion() throws Exception {
        List<OwnerReference> refs = List.of(owner("1", true));
        Node n = new Node(id("v1", "Pod", "", "p", "100"), refs, false, false, false);
        var meta = new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withResourceVersion("9").withOwnerReferences(refs).build();

        assertThat(Json.MAPPER.readTree(Patches.unblockOwnerReferencesJsonMerge(n, meta))).isEqualTo(Json.MAPPER.readTree("{\"metadata\":{\"resourceVersion\":\"9\","
                + "\"ownerReferences\":[{\"apiVersion\":\"v1\",\"blockOwnerDeletion\":false,\"kind\":\"ReplicationController\","
                + "\"name\":\"rc-1\",\"uid\":\"1\"}]}}"));
        assertThat(Patches.deleteOwnerRefJsonMerge(meta, List.of("1")))
                .isEqualTo("{\"metadata\":{\"resourceVersion\":\"9\",\"ownerReferences\":null}}");
    }
}
