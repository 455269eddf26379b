package io.kubeboot.controller.daemonset;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The pure history rules, modelled on upstream update_test.go / daemon_controller_test.go history cases. */
class DaemonSetHistoryTest {
    private static DaemonSet withImage(String image) {
        return new DaemonSetBuilder(Fixtures.simple()).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static ControllerRevision rev(String name, long revision, String hash, Object data) {
        ControllerRevisionBuilder b = new ControllerRevisionBuilder().withNewMetadata().withName(name).withNamespace("default")
                .endMetadata().withRevision(revision).withData(data);
        if (hash != null) {
            b.editMetadata().addToLabels(DaemonPods.REVISION_HASH_LABEL, hash).endMetadata();
        }
        return b.build();
    }

    @Test
    void patchReplacesTheTemplateWithSortedKeys() {
        String patch = DaemonSetHistory.patch(Fixtures.simple()).toString();
        assertThat(patch).isEqualTo("{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"labels\":"
                + "{\"name\":\"simple-daemon\",\"type\":\"production\"}},\"spec\":{\"containers\":[{\"image\":\"foo/bar\",\"name\":\"c\"}]}}}}");
    }

    @Test
    void snapshotIsNamedLabelledOwnedAndNumbered() {
        DaemonSet ds = Fixtures.simple();
        ControllerRevision r = DaemonSetHistory.snapshot(ds, 3);
        String hash = TemplateHash.compute(ds.getSpec().getTemplate(), null);
        assertThat(r.getMetadata().getName()).isEqualTo("foo-" + hash);
        assertThat(r.getMetadata().getLabels()).containsEntry(DaemonPods.REVISION_HASH_LABEL, hash)
                .containsEntry("name", "simple-daemon").containsEntry("type", "production");
        assertThat(r.getMetadata().getAnnotations()).isEqualTo(ds.getMetadata().getAnnotations());
        assertThat(r.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("DaemonSet");
            assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
            assertThat(ref.getUid()).isEqualTo("ds-uid");
            assertThat(ref.getController()).isTrue();
        });
        assertThat(r.getRevision()).isEqualTo(3L);
        assertThat(DaemonSetHistory.matches(ds, r)).isTrue();
    }

    /** The client writes the data with its own serialization and reads it back as a RawExtension. */
    @Test
    void snapshotSurvivesTheClientsSerialization() {
        DaemonSet ds = Fixtures.simple();
        KubernetesSerialization serialization = new KubernetesSerialization();
        String json = serialization.asJson(DaemonSetHistory.snapshot(ds, 1));
        assertThat(json).contains("\"data\":{\"spec\":{\"template\":{\"$patch\":\"replace\",");
        ControllerRevision back = serialization.unmarshal(json, ControllerRevision.class);
        assertThat(DaemonSetHistory.matches(ds, back)).isTrue();
        assertThat(DaemonSetHistory.matches(withImage("other"), back)).isFalse();
    }

    @Test
    void aCollisionCountRenamesTheSnapshot() {
        DaemonSet ds = Fixtures.simple();
        DaemonSet collided = new DaemonSetBuilder(ds).withNewStatus().withCollisionCount(1).endStatus().build();
        assertThat(DaemonSetHistory.snapshot(collided, 1).getMetadata().getName())
                .isNotEqualTo(DaemonSetHistory.snapshot(ds, 1).getMetadata().getName());
    }

    static Stream<Arguments> matches() {
        DaemonSet ds = Fixtures.simple();
        Object stored = Json.MAPPER.convertValue(DaemonSetHistory.patch(ds), Map.class);
        return Stream.of(
                arguments("own snapshot", DaemonSetHistory.snapshot(ds, 1), true),
                arguments("data read back as a map", rev("r", 1, "h", stored), true),
                arguments("other template", DaemonSetHistory.snapshot(withImage("foo/bar:2"), 1), false),
                arguments("no data", rev("r", 1, "h", null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void matches(String name, ControllerRevision revision, boolean expected) {
        assertThat(DaemonSetHistory.matches(Fixtures.simple(), revision)).isEqualTo(expected);
    }

    @Test
    void splitsCurrentFromOldAndNumbersAboveTheOld() {
        DaemonSet ds = Fixtures.simple();
        ControllerRevision cur = DaemonSetHistory.snapshot(ds, 1);
        ControllerRevision old2 = DaemonSetHistory.snapshot(withImage("b"), 2);
        ControllerRevision old5 = DaemonSetHistory.snapshot(withImage("c"), 5);
        DaemonSetHistory.Split split = DaemonSetHistory.split(ds, List.of(old2, cur, old5));
        assertThat(split.current()).containsExactly(cur);
        assertThat(split.old()).containsExactly(old2, old5);
        assertThat(DaemonSetHistory.maxRevision(split.old()) + 1).isEqualTo(6);
        assertThat(DaemonSetHistory.maxRevision(List.of())).isZero();
    }

    static Stream<Arguments> keepOfDuplicates() {
        return Stream.of(
                arguments(List.of(rev("a", 1, "a", "x")), "a"),
                arguments(List.of(rev("a", 1, "a", "x"), rev("b", 3, "b", "x"), rev("c", 2, "c", "x")), "b"),
                // equal revisions: the last listed
                arguments(List.of(rev("a", 2, "a", "x"), rev("b", 2, "b", "x")), "b"),
                arguments(List.of(rev("a", 0, "a", "x"), rev("b", 0, "b", "x")), "b"));
    }

    @ParameterizedTest
    @MethodSource
    void keepOfDuplicates(List<ControllerRevision> current, String kept) {
        assertThat(DaemonSetHistory.keepOfDuplicates(current).getMetadata().getName()).isEqualTo(kept);
    }

    static Stream<Arguments> toDelete() {
        List<ControllerRevision> old = List.of(rev("r3", 3, "h3", "x"), rev("r1", 1, "h1", "x"), rev("r2", 2, "h2", "x"),
                rev("r4", 4, null, "x"));
        return Stream.of(
                arguments("within the limit", 4, old, Set.of(), List.of()),
                arguments("oldest first", 2, old, Set.of(), List.of("r1", "r2")),
                arguments("revisions of live pods stay", 2, old, Set.of("h1"), List.of("r2", "r3")),
                arguments("limit zero keeps only live ones", 0, old, Set.of("h2"), List.of("r1", "r3", "r4")),
                arguments("default limit 10", null, old, Set.of(), List.of()),
                arguments("all live", 1, old, Set.of("h1", "h2", "h3"), List.of("r4")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void toDelete(String name, Integer limit, List<ControllerRevision> old, Set<String> live, List<String> expected) {
        assertThat(DaemonSetHistory.toDelete(limit, old, live)).containsExactlyElementsOf(expected);
    }
}
