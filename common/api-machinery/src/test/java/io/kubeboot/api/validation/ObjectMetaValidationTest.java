package io.kubeboot.api.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Cases after upstream's {@code api/validation/objectmeta_test.go}. */
class ObjectMetaValidationTest {

    private static FieldErrors create(ObjectMeta meta, boolean namespaced) {
        return ObjectMetaValidation.validateObjectMeta(meta, namespaced, NameValidation::dns1123Subdomain, FieldPath.of("metadata"));
    }

    private static ObjectMeta valid() {
        return new ObjectMetaBuilder().withName("test").withNamespace("ns").build();
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                Arguments.of("valid", (Consumer<ObjectMeta>) m -> { }, List.of()),
                Arguments.of("no name", (Consumer<ObjectMeta>) m -> m.setName(null),
                        List.of(tuple(FieldError.Type.REQUIRED, "metadata.name"))),
                Arguments.of("generateName only is not enough before generation", (Consumer<ObjectMeta>) m -> {
                    m.setName(null);
                    m.setGenerateName("foo-");
                }, List.of(tuple(FieldError.Type.REQUIRED, "metadata.name"))),
                Arguments.of("bad generateName", (Consumer<ObjectMeta>) m -> m.setGenerateName("Foo-"),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.generateName"))),
                Arguments.of("bad name", (Consumer<ObjectMeta>) m -> m.setName("Bad_Name"),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.name"))),
                Arguments.of("missing namespace", (Consumer<ObjectMeta>) m -> m.setNamespace(null),
                        List.of(tuple(FieldError.Type.REQUIRED, "metadata.namespace"))),
                Arguments.of("bad namespace", (Consumer<ObjectMeta>) m -> m.setNamespace("a.b"),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.namespace"))),
                Arguments.of("negative generation", (Consumer<ObjectMeta>) m -> m.setGeneration(-1L),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.generation"))),
                Arguments.of("bad label key", (Consumer<ObjectMeta>) m -> m.setLabels(Map.of("a/b/c", "v")),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.labels"))),
                Arguments.of("bad label value", (Consumer<ObjectMeta>) m -> m.setLabels(Map.of("k", "-v")),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.labels"))),
                Arguments.of("upper-case annotation keys are fine", (Consumer<ObjectMeta>) m -> m.setAnnotations(Map.of("Example.COM/Key", "v")),
                        List.of()),
                Arguments.of("bad annotation key", (Consumer<ObjectMeta>) m -> m.setAnnotations(Map.of("a b", "v")),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.annotations"))),
                Arguments.of("annotations over 256 KiB", (Consumer<ObjectMeta>) m -> m.setAnnotations(Map.of("k", "v".repeat(256 * 1024))),
                        List.of(tuple(FieldError.Type.TOO_LONG, "metadata.annotations"))),
                Arguments.of("annotations at exactly the limit", (Consumer<ObjectMeta>) m -> m.setAnnotations(Map.of("k", "v".repeat(256 * 1024 - 1))),
                        List.of()),
                Arguments.of("finalizer not qualified", (Consumer<ObjectMeta>) m -> m.setFinalizers(List.of("a/b/c")),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.finalizers"))),
                Arguments.of("orphan and foregroundDeletion", (Consumer<ObjectMeta>) m -> m.setFinalizers(List.of("orphan", "foregroundDeletion")),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.finalizers"))),
                Arguments.of("owner reference missing fields", (Consumer<ObjectMeta>) m -> m.setOwnerReferences(List.of(emptyOwner())),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.ownerReferences.apiVersion"),
                                tuple(FieldError.Type.INVALID, "metadata.ownerReferences.kind"),
                                tuple(FieldError.Type.INVALID, "metadata.ownerReferences.name"),
                                tuple(FieldError.Type.INVALID, "metadata.ownerReferences.uid"))),
                Arguments.of("event as owner", (Consumer<ObjectMeta>) m -> m.setOwnerReferences(List.of(owner("v1", "Event", "e", false))),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.ownerReferences"))),
                Arguments.of("two controllers", (Consumer<ObjectMeta>) m -> m.setOwnerReferences(List.of(
                                owner("apps/v1", "ReplicaSet", "a", true), owner("apps/v1", "ReplicaSet", "b", true))),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.ownerReferences"))),
                Arguments.of("one controller", (Consumer<ObjectMeta>) m -> m.setOwnerReferences(List.of(
                        owner("apps/v1", "ReplicaSet", "a", true), owner("apps/v1", "ReplicaSet", "b", false))), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void validatesOnCreate(String name, Consumer<ObjectMeta> mutate, List<Object> expected) {
        ObjectMeta meta = valid();
        mutate.accept(meta);
        assertThat(create(meta, true).list()).extracting(FieldError::type, FieldError::field)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(o -> (org.assertj.core.groups.Tuple) o).toList());
    }

    @Test
    void namespaceForbiddenOnClusterScopedTypes() {
        assertThat(create(valid(), false).list()).extracting(FieldError::toString)
                .containsExactly("metadata.namespace: Forbidden: not allowed on this type");
    }

    @Test
    void messagesMatchUpstream() {
        ObjectMeta meta = valid();
        meta.setName(null);
        assertThat(create(meta, true).list()).extracting(FieldError::toString)
                .containsExactly("metadata.name: Required value: name or generateName is required");
        meta = valid();
        meta.setOwnerReferences(List.of(owner("apps/v1", "ReplicaSet", "a", true), owner("apps/v1", "ReplicaSet", "b", true)));
        assertThat(create(meta, true).list().get(0).detail())
                .isEqualTo("Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/b");
        meta = valid();
        meta.setFinalizers(List.of("orphan", "foregroundDeletion"));
        assertThat(create(meta, true).list()).extracting(FieldError::toString).containsExactly(
                "metadata.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\"}: "
                        + "finalizer orphan and foregroundDeletion cannot be both set");
    }

    static Stream<Arguments> updateCases() {
        return Stream.of(
                Arguments.of("no change", (Consumer<ObjectMeta>) m -> { }, List.of()),
                Arguments.of("name changed", (Consumer<ObjectMeta>) m -> m.setName("other"),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.name"))),
                Arguments.of("namespace changed", (Consumer<ObjectMeta>) m -> m.setNamespace("other"),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.namespace"))),
                Arguments.of("uid changed", (Consumer<ObjectMeta>) m -> m.setUid("other"),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.uid"))),
                Arguments.of("creationTimestamp changed", (Consumer<ObjectMeta>) m -> m.setCreationTimestamp("2021-01-01T00:00:00Z"),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.creationTimestamp"))),
                Arguments.of("same creationTimestamp in another format", (Consumer<ObjectMeta>) m -> m.setCreationTimestamp("2020-01-01T00:00:00.000Z"),
                        List.of()),
                Arguments.of("no resourceVersion", (Consumer<ObjectMeta>) m -> m.setResourceVersion(null),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.resourceVersion"))),
                Arguments.of("generation decremented", (Consumer<ObjectMeta>) m -> m.setGeneration(1L),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.generation"))),
                Arguments.of("bad label", (Consumer<ObjectMeta>) m -> m.setLabels(Map.of("k", "-")),
                        List.of(tuple(FieldError.Type.INVALID, "metadata.labels"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void validatesOnUpdate(String name, Consumer<ObjectMeta> mutate, List<Object> expected) {
        ObjectMeta old = existing();
        ObjectMeta meta = existing();
        mutate.accept(meta);
        assertThat(ObjectMetaValidation.validateObjectMetaUpdate(meta, old, FieldPath.of("metadata")).list())
                .extracting(FieldError::type, FieldError::field)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(o -> (org.assertj.core.groups.Tuple) o).toList());
    }

    @Test
    void noNewFinalizersWhileDeleting() {
        ObjectMeta old = existing();
        old.setDeletionTimestamp("2020-02-01T00:00:00Z");
        old.setFinalizers(List.of("a.com/x"));
        ObjectMeta meta = existing();
        meta.setDeletionTimestamp("2020-02-01T00:00:00Z");
        meta.setFinalizers(List.of("a.com/x", "b.com/y"));
        assertThat(ObjectMetaValidation.validateObjectMetaUpdate(meta, old, FieldPath.of("metadata")).list())
                .extracting(FieldError::toString).containsExactly("metadata.finalizers: Forbidden: no new finalizers can be "
                        + "added if the object is being deleted, found new finalizers []string{\"b.com/y\"}");
    }

    @Test
    void immutableMessage() {
        ObjectMeta meta = existing();
        meta.setName("other");
        assertThat(ObjectMetaValidation.validateObjectMetaUpdate(meta, existing(), FieldPath.of("metadata")).list())
                .extracting(FieldError::toString).containsExactly("metadata.name: Invalid value: \"other\": field is immutable");
    }

    private static ObjectMeta existing() {
        return new ObjectMetaBuilder().withName("test").withNamespace("ns").withUid("u1").withResourceVersion("5")
                .withGeneration(2L).withCreationTimestamp("2020-01-01T00:00:00Z").build();
    }

    /** fabric8's no-arg OwnerReference pre-fills apiVersion and kind; clear them to get upstream's zero value. */
    private static OwnerReference emptyOwner() {
        OwnerReference ref = new OwnerReference();
        ref.setApiVersion(null);
        ref.setKind(null);
        return ref;
    }

    private static OwnerReference owner(String apiVersion, String kind, String name, boolean controller) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid("uid-" + name)
                .withController(controller).build();
    }
}
