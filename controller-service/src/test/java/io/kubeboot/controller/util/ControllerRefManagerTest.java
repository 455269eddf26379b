package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.selector.LabelSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cases of upstream's TestClaimPods: what a controller keeps, adopts and releases, and the patches it sends. */
class ControllerRefManagerTest {
    private static final String RS_UID = "rs-uid";

    private static ReplicaSet controller(boolean deleting) {
        return new ReplicaSetBuilder().withNewMetadata().withName("rs").withNamespace("ns").withUid(RS_UID)
                .withDeletionTimestamp(deleting ? "2026-11-27T00:00:00Z" : null).endMetadata().build();
    }

    private static Pod pod(String name, String app, String ownerUid, String namespace, boolean deleting) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(name + "-uid")
                .withLabels(Map.of("app", app)).withDeletionTimestamp(deleting ? "2026-11-27T00:00:00Z" : null).endMetadata();
        if (ownerUid != null) {
            b.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("owner")
                    .withUid(ownerUid).withController(true).endOwnerReference().endMetadata();
        }
        return b.build();
    }

    /** A patcher recording "name:adopt" or "name:release" by the patch's shape. */
    private static final class RecordingPatcher implements ControllerRefManager.Patcher {
        final List<String> calls = new ArrayList<>();

        @Override
        public void patch(String namespace, String name, String patch) {
            calls.add(name + (patch.contains("\"$patch\":\"delete\"") ? ":release" : ":adopt"));
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("orphan that matches: adopted", false, pod("a", "web", null, "ns", false), List.of("a"), List.of("a:adopt")),
                Arguments.of("orphan that does not match: left", false, pod("a", "db", null, "ns", false), List.of(), List.of()),
                Arguments.of("owned and matching: kept", false, pod("a", "web", RS_UID, "ns", false), List.of("a"), List.of()),
                Arguments.of("owned, no longer matching: released", false, pod("a", "db", RS_UID, "ns", false), List.of(), List.of("a:release")),
                Arguments.of("owned by another controller: left", false, pod("a", "web", "other", "ns", false), List.of(), List.of()),
                Arguments.of("controller being deleted: no adoption", true, pod("a", "web", null, "ns", false), List.of(), List.of()),
                Arguments.of("controller being deleted: no release", true, pod("a", "db", RS_UID, "ns", false), List.of(), List.of()),
                Arguments.of("controller being deleted: owned and matching still kept", true, pod("a", "web", RS_UID, "ns", false),
                        List.of("a"), List.of()),
                Arguments.of("orphan being deleted: not adopted", false, pod("a", "web", null, "ns", true), List.of(), List.of()),
                Arguments.of("orphan in another namespace: not adopted", false, pod("a", "web", null, "other", false), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void claim(String name, boolean controllerDeleting, Pod pod, List<String> claimed, List<String> patches) throws Exception {
        RecordingPatcher patcher = new RecordingPatcher();
        ControllerRefManager<Pod> m = new ControllerRefManager<>("Pod", patcher, controller(controllerDeleting),
                LabelSelector.parse("app=web"), "apps/v1", "ReplicaSet", () -> { });
        assertThat(m.claim(List.of(pod))).extracting(p -> p.getMetadata().getName()).isEqualTo(claimed);
        assertThat(patcher.calls).isEqualTo(patches);
    }

    @Test
    void patchesCarryTheObjectsUidAsPreconditionAndTheControllerReference() throws Exception {
        ControllerRefManager<Pod> m = new ControllerRefManager<>("Pod", new RecordingPatcher(), controller(false),
                LabelSelector.parse("app=web"), "apps/v1", "ReplicaSet", null);
        Pod p = pod("a", "web", null, "ns", false);
        assertThat(Json.MAPPER.readTree(m.adoptPatch(p))).isEqualTo(Json.MAPPER.readTree("{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"apps/v1\","
                + "\"blockOwnerDeletion\":true,\"controller\":true,\"kind\":\"ReplicaSet\",\"name\":\"rs\",\"uid\":\"rs-uid\"}],"
                + "\"uid\":\"a-uid\"}}"));
        assertThat(m.releasePatch(p)).contains("\"$patch\":\"delete\"", "\"uid\":\"rs-uid\"", "\"uid\":\"a-uid\"");
    }

    @Test
    void aFailedAdoptionCheckFailsEveryAdoptionButKeepsOwnedObjects() {
        RecordingPatcher patcher = new RecordingPatcher();
        int[] checks = {0};
        ControllerRefManager<Pod> m = new ControllerRefManager<>("Pod", patcher, controller(false),
                LabelSelector.parse("app=web"), "apps/v1", "ReplicaSet", () -> {
                    checks[0]++;
                    throw new IllegalStateException("ns/rs has just been deleted");
                });
        assertThatThrownBy(() -> m.claim(List.of(pod("a", "web", null, "ns", false), pod("b", "web", RS_UID, "ns", false),
                pod("c", "web", null, "ns", false))))
                .isInstanceOf(ControllerRefManager.ClaimException.class)
                .hasMessage("[can't adopt Pod ns/a (a-uid): ns/rs has just been deleted, can't adopt Pod ns/c (c-uid): "
                        + "ns/rs has just been deleted]");
        // checked once per sync, as upstream's RecheckDeletionTimestamp wrapped in a once
        assertThat(checks[0]).isEqualTo(1);
        assertThat(patcher.calls).isEmpty();
    }

    @Test
    void anObjectGoneBeforeItsPatchIsNeitherClaimedNorAnError() throws Exception {
        ControllerRefManager.Patcher gone = (ns, name, patch) -> {
            throw Fabric8MetadataClient.error(404, null);
        };
        ControllerRefManager<Pod> m = new ControllerRefManager<>("Pod", gone, controller(false),
                LabelSelector.parse("app=web"), "apps/v1", "ReplicaSet", null);
        assertThat(m.claim(List.of(pod("a", "web", null, "ns", false), pod("b", "db", RS_UID, "ns", false)))).isEmpty();
    }
}
