package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Handlers only enqueue; owner matching as controller-runtime's EnqueueRequestForOwner(OnlyControllerOwner). */
class InformerHandlersTest {

    private static Pod pod(String name, OwnerReference... owners) {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName(name).withOwnerReferences(owners).endMetadata().build();
    }

    private static OwnerReference owner(String apiVersion, String kind, String name, Boolean controller) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid("u-" + name)
                .withController(controller).build();
    }

    private static List<ObjectKey> drain(RateLimitingQueue<ObjectKey> q) throws InterruptedException {
        List<ObjectKey> keys = new ArrayList<>();
        while (q.len() > 0) {
            ObjectKey k = q.get();
            keys.add(k);
            q.done(k);
        }
        return keys;
    }

    @Test
    void enqueueingAddsTheKeyOnEveryEventAndDedups() throws Exception {
        RateLimitingQueue<ObjectKey> q = RateLimitingQueue.create("t");
        ResourceEventHandler<Pod> h = InformerHandlers.enqueueingObjectKey(q);
        h.onAdd(pod("a"));
        h.onUpdate(pod("a"), pod("a"));
        h.onDelete(pod("b"), true);
        assertThat(drain(q)).containsExactly(new ObjectKey("ns", "a"), new ObjectKey("ns", "b"));
    }

    @Test
    void aNullKeyIsSkipped() throws Exception {
        RateLimitingQueue<String> q = RateLimitingQueue.create("t");
        ResourceEventHandler<Pod> h = InformerHandlers.enqueueing(q, p -> p.getMetadata().getName().startsWith("skip") ? null : p.getMetadata().getName());
        h.onAdd(pod("skip-me"));
        h.onAdd(pod("keep"));
        assertThat(q.len()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("keep");
    }

    static Stream<Arguments> ownerCases() {
        return Stream.of(
                Arguments.of("controller owner of the kind", List.of(owner("apps/v1", "ReplicaSet", "rs", true)), Optional.of("rs")),
                Arguments.of("version is ignored, group is not", List.of(owner("apps/v1beta2", "ReplicaSet", "rs", true)), Optional.of("rs")),
                Arguments.of("other group", List.of(owner("extensions/v1beta1", "ReplicaSet", "rs", true)), Optional.empty()),
                Arguments.of("not the controller", List.of(owner("apps/v1", "ReplicaSet", "rs", false)), Optional.empty()),
                Arguments.of("controller unset", List.of(owner("apps/v1", "ReplicaSet", "rs", null)), Optional.empty()),
                Arguments.of("other kind", List.of(owner("apps/v1", "DaemonSet", "ds", true)), Optional.empty()),
                Arguments.of("the controller among several owners", List.of(owner("apps/v1", "ReplicaSet", "other", false),
                        owner("apps/v1", "ReplicaSet", "rs", true)), Optional.of("rs")),
                Arguments.of("no owners", List.of(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownerCases")
    void controllerOwnerKey(String name, List<OwnerReference> owners, Optional<String> expected) {
        Pod p = pod("p", owners.toArray(OwnerReference[]::new));
        assertThat(InformerHandlers.controllerOwnerKey(p, "apps/v1", "ReplicaSet"))
                .isEqualTo(expected.map(n -> new ObjectKey("ns", n)));
    }

    @Test
    void coreGroupOwners() {
        Pod p = pod("p", owner("v1", "ReplicationController", "rc", true));
        assertThat(InformerHandlers.controllerOwnerKey(p, "v1", "ReplicationController")).contains(new ObjectKey("ns", "rc"));
        assertThat(InformerHandlers.controllerOwnerKey(p, "apps/v1", "ReplicationController")).isEmpty();
    }

    @Test
    void ownerHandlerEnqueuesOldAndNewOwnerOnUpdate() throws Exception {
        RateLimitingQueue<ObjectKey> q = RateLimitingQueue.create("t");
        ResourceEventHandler<Pod> h = InformerHandlers.enqueueingControllerOwner(q, "apps/v1", "ReplicaSet");
        h.onUpdate(pod("p", owner("apps/v1", "ReplicaSet", "old", true)), pod("p", owner("apps/v1", "ReplicaSet", "new", true)));
        assertThat(drain(q)).containsExactly(new ObjectKey("ns", "new"), new ObjectKey("ns", "old"));
        h.onAdd(pod("orphan"));
        h.onDelete(pod("p", owner("apps/v1", "ReplicaSet", "rs", true)), false);
        assertThat(drain(q)).containsExactly(new ObjectKey("ns", "rs"));
    }
}
