package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.controller.garbagecollector.GcFixtures.deleting;
import static io.kubeboot.controller.garbagecollector.GcFixtures.id;
import static io.kubeboot.controller.garbagecollector.GcFixtures.meta;
import static io.kubeboot.controller.garbagecollector.GcFixtures.uidRef;
import static org.assertj.core.api.Assertions.assertThat;

class OwnerReferencesTest {
    private static OwnerReference blocking(String uid, Boolean block) {
        return new OwnerReferenceBuilder(uidRef(uid)).withBlockOwnerDeletion(block).build();
    }

    static Stream<Arguments> diffs() {
        return Stream.of(
                // BenchmarkReferencesDiffs' input: 1 removed, 3 added, 2 unchanged
                Arguments.of(List.of(uidRef("1"), uidRef("2")), List.of(uidRef("2"), uidRef("3")), List.of("3"), List.of("1"), List.of()),
                Arguments.of(List.of(), List.of(uidRef("1")), List.of("1"), List.of(), List.of()),
                Arguments.of(List.of(uidRef("1")), List.of(), List.of(), List.of("1"), List.of()),
                Arguments.of(List.of(blocking("1", true)), List.of(blocking("1", false)), List.of(), List.of(), List.of("1")),
                Arguments.of(List.of(uidRef("1")), List.of(uidRef("1")), List.of(), List.of(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("diffs")
    void diffMatchesReferencesByUid(List<OwnerReference> old, List<OwnerReference> cur, List<String> added,
                                    List<String> removed, List<String> changed) {
        OwnerReferences.Diff d = OwnerReferences.diff(old, cur);
        assertThat(d.added()).extracting(OwnerReference::getUid).containsExactlyElementsOf(added);
        assertThat(d.removed()).extracting(OwnerReference::getUid).containsExactlyElementsOf(removed);
        assertThat(d.changed()).extracting(c -> c.newRef().getUid()).containsExactlyElementsOf(changed);
        assertThat(d.isEmpty()).isEqualTo(added.isEmpty() && removed.isEmpty() && changed.isEmpty());
    }

    static Stream<Arguments> transitions() {
        ObjectMeta live = meta(id("v1", "ConfigMap", "ns", "a", "u"));
        ObjectMeta orphaning = deleting(live, "orphan");
        ObjectMeta deletingOther = deleting(live, "example.com/other");
        return Stream.of(
                Arguments.of("created already deleting", null, orphaning, true),
                Arguments.of("deletion starts", live, orphaning, true),
                Arguments.of("finalizer added while deleting", deletingOther, orphaning, true),
                Arguments.of("already orphaning", orphaning, orphaning, false),
                Arguments.of("not being deleted", live, live, false),
                Arguments.of("deleting without the finalizer", live, deletingOther, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void deletionStartsWithFinalizer(String name, ObjectMeta old, ObjectMeta cur, boolean starts) {
        assertThat(OwnerReferences.deletionStartsWithFinalizer(old, cur, "orphan")).isEqualTo(starts);
    }
}
