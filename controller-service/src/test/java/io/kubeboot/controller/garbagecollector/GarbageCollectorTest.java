package io.kubeboot.controller.garbagecollector;

import io.kubeboot.controller.util.MetadataClient;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.controller.garbagecollector.GcFixtures.addEvent;
import static io.kubeboot.controller.garbagecollector.GcFixtures.blockingRef;
import static io.kubeboot.controller.garbagecollector.GcFixtures.deleting;
import static io.kubeboot.controller.garbagecollector.GcFixtures.drain;
import static io.kubeboot.controller.garbagecollector.GcFixtures.id;
import static io.kubeboot.controller.garbagecollector.GcFixtures.identities;
import static io.kubeboot.controller.garbagecollector.GcFixtures.meta;
import static io.kubeboot.controller.garbagecollector.GcFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** The workers of upstream's garbage collector against a fake apiserver (TestAttemptToDeleteItem and friends). */
class GarbageCollectorTest {
    private RateLimitingQueue<Node> attemptToDelete;
    private RateLimitingQueue<GraphEvent> graphChanges;
    private ReferenceCache absent;
    private GraphBuilder gb;
    private FakeMetadataClient api;
    private GarbageCollector gc;

    private final ObjectIdentity rs = id("apps/v1", "ReplicaSet", "ns1", "owner1", "123");
    private final ObjectIdentity rs2 = id("apps/v1", "ReplicaSet", "ns1", "owner2", "124");
    private final ObjectIdentity pod = id("v1", "Pod", "ns1", "ToBeDeletedPod", "456");

    @BeforeEach
    void setUp() {
        attemptToDelete = RateLimitingQueue.create("d");
        graphChanges = RateLimitingQueue.create("g");
        absent = new ReferenceCache(500);
        gb = new GraphBuilder(new UidToNode(), attemptToDelete, RateLimitingQueue.create("o"), graphChanges, absent,
                (ref, reason, message) -> { });
        api = new FakeMetadataClient();
        gc = new GarbageCollector(gb, attemptToDelete, absent, RestMapper.builtin(), api);
    }

    /** Upstream's node for a pod: owners left empty, the worker must read them from the server. */
    private Node node(ObjectIdentity id) {
        return new Node(id, List.of(), false, false, false);
    }

    /** Upstream TestAttemptToDeleteItem: the only owner is gone, so the dependent is deleted in the background. */
    @Test
    void deletesADependentWhoseOnlyOwnerIsGone() {
        api.put("pods", meta(pod, ref(rs)));

        assertThat(gc.attemptToDeleteWorker(node(pod))).isEqualTo(GarbageCollector.Action.FORGET);

        assertThat(api.actions).containsExactly(
                "get pods ns=ns1 name=ToBeDeletedPod",
                "get replicasets ns=ns1 name=owner1",
                "delete pods ns=ns1 name=ToBeDeletedPod");
        assertThat(api.deleteOptions).containsExactly("uid=456 policy=Background");
        assertThat(absent.has(rs)).isTrue();
    }

    /** Upstream TestAbsentOwnerCache: a known-absent owner costs no second GET. */
    @Test
    void theAbsentOwnerCacheSavesLookups() {
        ObjectIdentity pod2 = id("v1", "Pod", "ns1", "pod2", "457");
        api.put("pods", meta(pod, ref(rs)));
        api.put("pods", meta(pod2, ref(rs)));

        gc.attemptToDeleteWorker(node(pod));
        gc.attemptToDeleteWorker(node(pod2));

        assertThat(api.actions).filteredOn(a -> a.startsWith("get replicasets")).hasSize(1);
        assertThat(api.actions).contains("delete pods ns=ns1 name=pod2");
    }

    @Test
    void anOwnerWithAnotherUidIsDangling() {
        api.put("pods", meta(pod, ref(rs)));
        api.put("replicasets", meta(id("apps/v1", "ReplicaSet", "ns1", "owner1", "recreated")));

        gc.attemptToDeleteWorker(node(pod));

        assertThat(api.actions).contains("delete pods ns=ns1 name=ToBeDeletedPod");
    }

    @Test
    void keepsADependentWithALiveOwner() {
        api.put("pods", meta(pod, ref(rs)));
        api.put("replicasets", meta(rs));

        assertThat(gc.attemptToDeleteWorker(node(pod))).isEqualTo(GarbageCollector.Action.FORGET);

        assertThat(api.actions).noneMatch(a -> a.startsWith("delete") || a.startsWith("patch"));
    }

    /** A dependent with two owners outlives the deleted one: only the dangling reference is removed (upstream's SMP). */
    @Test
    void removesTheDanglingReferenceWhenAnotherOwnerLives() {
        api.put("pods", meta(pod, ref(rs), ref(rs2)));
        api.put("replicasets", meta(rs2));

        gc.attemptToDeleteWorker(node(pod));

        assertThat(api.actions).noneMatch(a -> a.startsWith("delete"));
        assertThat(api.patches).containsExactly(new FakeMetadataClient.Patch("patch pods ns=ns1 name=ToBeDeletedPod",
                "application/strategic-merge-patch+json",
                "{\"metadata\":{\"ownerReferences\":[{\"$patch\":\"delete\",\"uid\":\"123\"}],\"uid\":\"456\"}}"));
    }

    @Test
    void fallsBackToAJsonMergePatchWhenStrategicMergeIsUnsupported() {
        api.put("pods", new ObjectMetaBuilder(meta(pod, ref(rs), ref(rs2))).withResourceVersion("7").build());
        api.put("replicasets", meta(rs2));
        api.failNext("patch pods ns=ns1 name=ToBeDeletedPod", 415);

        gc.attemptToDeleteWorker(node(pod));

        assertThat(api.patches).hasSize(2);
        FakeMetadataClient.Patch merge = api.patches.get(1);
        assertThat(merge.type()).isEqualTo("application/merge-patch+json");
        assertThat(merge.body()).isEqualTo("{\"metadata\":{\"resourceVersion\":\"7\",\"ownerReferences\":["
                + "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"owner2\",\"uid\":\"124\"}]}}");
    }

    @Test
    void aMissingItemBecomesAVirtualDeleteEvent() throws Exception {
        gb.processGraphChanges(addEvent(pod, ref(rs)));
        Node virtualOwner = drain(attemptToDelete).get(0);

        assertThat(gc.attemptToDeleteWorker(virtualOwner)).isEqualTo(GarbageCollector.Action.FORGET);

        List<GraphEvent> events = drain(graphChanges);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.virtual()).isTrue();
            assertThat(e.type()).isEqualTo(GraphEvent.Type.DELETE);
            assertThat(e.identity()).isEqualTo(rs);
        });
    }

    @Test
    void aVirtualNodeThatExistsIsRequeuedUntilObserved() throws Exception {
        api.put("replicasets", meta(rs));
        gb.processGraphChanges(addEvent(pod, ref(rs)));
        Node virtualOwner = drain(attemptToDelete).get(0);

        assertThat(gc.attemptToDeleteWorker(virtualOwner)).isEqualTo(GarbageCollector.Action.REQUEUE);

        gb.processGraphChanges(addEvent(rs));
        assertThat(gc.attemptToDeleteWorker(virtualOwner)).as("observed meanwhile").isEqualTo(GarbageCollector.Action.FORGET);
    }

    @Test
    void serverErrorsAreRetried() {
        api.put("pods", meta(pod, ref(rs)));
        api.failNext("get replicasets ns=ns1 name=owner1", 500);

        assertThat(gc.attemptToDeleteWorker(node(pod))).isEqualTo(GarbageCollector.Action.REQUEUE);
        assertThat(api.actions).noneMatch(a -> a.startsWith("delete"));
    }

    @Test
    void anUnknownOwnerKindIsRetried() {
        api.put("pods", meta(pod, ref(id("example.com/v1", "Widget", "ns1", "w", "9"))));
        assertThat(gc.attemptToDeleteWorker(node(pod))).isEqualTo(GarbageCollector.Action.REQUEUE);
        assertThat(api.actions).containsExactly("get pods ns=ns1 name=ToBeDeletedPod");
    }

    /** A cluster-scoped object naming a namespaced owner is wrong forever: dropped, never deleted. */
    @Test
    void aClusterScopedChildOfANamespacedOwnerIsLeftAlone() {
        ObjectIdentity node = id("v1", "Node", "", "nodename", "nodeuid1");
        api.put("nodes", meta(node, ref(id("v1", "Pod", "", "podname1", "poduid1"))));

        assertThat(gc.attemptToDeleteWorker(node(node))).isEqualTo(GarbageCollector.Action.FORGET);
        assertThat(api.actions).containsExactly("get nodes name=nodename");
    }

    @Test
    void anObjectBeingDeletedIsLeftToItsDeletion() {
        Node n = new Node(pod, List.of(ref(rs)), false, true, false);
        assertThat(gc.attemptToDeleteWorker(n)).isEqualTo(GarbageCollector.Action.FORGET);
        assertThat(api.actions).isEmpty();
    }

    @Test
    void aForegroundOwnerWithBlockingDependentsQueuesThem() throws Exception {
        api.put("replicasets", deleting(meta(rs), "foregroundDeletion"));
        gb.processGraphChanges(GraphEvent.add("apps/v1", "ReplicaSet", deleting(meta(rs), "foregroundDeletion")));
        gb.processGraphChanges(addEvent(pod, blockingRef(rs)));
        drain(attemptToDelete);
        Node owner = gb.uidToNode().read("123").orElseThrow();

        gc.attemptToDeleteWorker(owner);

        assertThat(identities(drain(attemptToDelete))).containsExactly(pod);
        assertThat(api.patches).isEmpty();
    }

    @Test
    void aForegroundOwnerWithoutBlockingDependentsLosesItsFinalizer() {
        api.put("replicasets", new ObjectMetaBuilder(deleting(meta(rs), "example.com/keep", "foregroundDeletion"))
                .withResourceVersion("42").build());
        gb.processGraphChanges(GraphEvent.add("apps/v1", "ReplicaSet", deleting(meta(rs), "foregroundDeletion")));
        // a non-blocking dependent does not hold the owner
        gb.processGraphChanges(addEvent(pod, ref(rs)));
        Node owner = gb.uidToNode().read("123").orElseThrow();

        gc.attemptToDeleteWorker(owner);

        assertThat(api.patches).containsExactly(new FakeMetadataClient.Patch("patch replicasets ns=ns1 name=owner1",
                "application/merge-patch+json", "{\"metadata\":{\"resourceVersion\":\"42\",\"finalizers\":[\"example.com/keep\"]}}"));
    }

    @Test
    void aDependentOfAForegroundOwnerIsDeletedInTheBackground() {
        api.put("pods", meta(pod, blockingRef(rs)));
        api.put("replicasets", deleting(meta(rs), "foregroundDeletion"));

        gc.attemptToDeleteWorker(node(pod));

        // the waiting owner is no solid owner; the pod has no dependents of its own
        assertThat(api.deleteOptions).containsExactly("uid=456 policy=Background");
    }

    @Test
    void removingTheFinalizerRetriesConflicts() {
        api.put("replicasets", deleting(meta(rs), "orphan"));
        api.failNext("patch replicasets ns=ns1 name=owner1", 409, 409);
        Node owner = node(rs);

        assertThat(gc.attemptToOrphanWorker(owner)).isEqualTo(GarbageCollector.Action.FORGET);

        assertThat(api.patches).hasSize(3);
        assertThat(api.patches.get(2).body()).isEqualTo("{\"metadata\":{\"resourceVersion\":\"1\",\"finalizers\":null}}");
    }

    @Test
    void removingTheFinalizerGivesUpAfterFourConflicts() {
        api.put("replicasets", deleting(meta(rs), "orphan"));
        api.failNext("patch replicasets ns=ns1 name=owner1", 409, 409, 409, 409);

        assertThat(gc.attemptToOrphanWorker(node(rs))).isEqualTo(GarbageCollector.Action.REQUEUE);
        assertThat(api.patches).hasSize(4);
    }

    /** Upstream attemptToOrphanWorker: every dependent loses the reference, then the owner its finalizer. */
    @Test
    void orphaningRemovesTheReferenceFromEveryDependentThenTheFinalizer() {
        ObjectIdentity pod2 = id("v1", "Pod", "ns1", "pod2", "457");
        api.put("replicasets", deleting(meta(rs), "orphan"));
        api.put("pods", meta(pod, blockingRef(rs)));
        api.put("pods", meta(pod2, blockingRef(rs)));
        gb.processGraphChanges(GraphEvent.add("apps/v1", "ReplicaSet", meta(rs)));
        gb.processGraphChanges(addEvent(pod, blockingRef(rs)));
        gb.processGraphChanges(addEvent(pod2, blockingRef(rs)));
        Node owner = gb.uidToNode().read("123").orElseThrow();

        assertThat(gc.attemptToOrphanWorker(owner)).isEqualTo(GarbageCollector.Action.FORGET);

        assertThat(api.patches).extracting(FakeMetadataClient.Patch::target, FakeMetadataClient.Patch::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("patch pods ns=ns1 name=ToBeDeletedPod",
                        "{\"metadata\":{\"ownerReferences\":[{\"$patch\":\"delete\",\"uid\":\"123\"}],\"uid\":\"456\"}}"),
                org.assertj.core.groups.Tuple.tuple("patch pods ns=ns1 name=pod2",
                        "{\"metadata\":{\"ownerReferences\":[{\"$patch\":\"delete\",\"uid\":\"123\"}],\"uid\":\"457\"}}"),
                org.assertj.core.groups.Tuple.tuple("patch replicasets ns=ns1 name=owner1",
                        "{\"metadata\":{\"resourceVersion\":\"1\",\"finalizers\":null}}"));
    }

    /** Upstream TestOrphanDependentsFailure: a failed dependent keeps the finalizer and retries the owner. */
    @Test
    void aFailedOrphaningKeepsTheFinalizer() {
        api.put("replicasets", deleting(meta(rs), "orphan"));
        api.put("pods", meta(pod, blockingRef(rs)));
        api.failNext("patch pods ns=ns1 name=ToBeDeletedPod", 409);
        gb.processGraphChanges(GraphEvent.add("apps/v1", "ReplicaSet", meta(rs)));
        gb.processGraphChanges(addEvent(pod, blockingRef(rs)));

        assertThat(gc.attemptToOrphanWorker(gb.uidToNode().read("123").orElseThrow())).isEqualTo(GarbageCollector.Action.REQUEUE);
        assertThat(api.patches).extracting(FakeMetadataClient.Patch::target).doesNotContain("patch replicasets ns=ns1 name=owner1");
    }

    @Test
    void aGoneDependentIsNoOrphaningFailure() {
        api.put("replicasets", deleting(meta(rs), "orphan"));
        gb.processGraphChanges(GraphEvent.add("apps/v1", "ReplicaSet", meta(rs)));
        gb.processGraphChanges(addEvent(pod, blockingRef(rs)));

        assertThat(gc.attemptToOrphanWorker(gb.uidToNode().read("123").orElseThrow())).isEqualTo(GarbageCollector.Action.FORGET);
    }

    // ------------------------------------------------------------------ the decision table

    private static final ObjectMeta PLAIN = meta(id("v1", "Pod", "ns", "p", "u"));

    static Stream<Arguments> decisions() {
        OwnerReference a = GcFixtures.uidRef("a");
        OwnerReference b = GcFixtures.uidRef("b");
        OwnerReference c = GcFixtures.uidRef("c");
        ObjectMeta orphanFinalizer = new ObjectMetaBuilder(PLAIN).withFinalizers("orphan").build();
        ObjectMeta foregroundFinalizer = new ObjectMetaBuilder(PLAIN).withFinalizers("foregroundDeletion").build();
        return Stream.of(
                Arguments.of("solid only", cls(List.of(a), List.of(), List.of()), false, false, PLAIN, "KEEP", List.of(), null, false),
                Arguments.of("solid and dangling", cls(List.of(a), List.of(b), List.of()), false, false, PLAIN, "REMOVE_REFERENCES", List.of("b"), null, false),
                Arguments.of("solid, dangling and waiting", cls(List.of(a), List.of(b), List.of(c)), true, false, PLAIN, "REMOVE_REFERENCES", List.of("b", "c"), null, false),
                Arguments.of("dangling only", cls(List.of(), List.of(b), List.of()), false, false, PLAIN, "DELETE", List.of(), "Background", false),
                Arguments.of("dangling, orphan finalizer honoured", cls(List.of(), List.of(b), List.of()), true, false, orphanFinalizer, "DELETE", List.of(), "Orphan", false),
                Arguments.of("dangling, foreground finalizer honoured", cls(List.of(), List.of(b), List.of()), true, false, foregroundFinalizer, "DELETE", List.of(), "Foreground", false),
                Arguments.of("waiting owner, no dependents", cls(List.of(), List.of(), List.of(c)), false, false, PLAIN, "DELETE", List.of(), "Background", false),
                Arguments.of("waiting owner, own dependents", cls(List.of(), List.of(), List.of(c)), true, false, PLAIN, "DELETE", List.of(), "Foreground", false),
                Arguments.of("waiting owner, dependent deleting too", cls(List.of(), List.of(b), List.of(c)), true, true, PLAIN, "DELETE", List.of(), "Foreground", true));
    }

    private static GarbageCollector.Classification cls(List<OwnerReference> solid, List<OwnerReference> dangling, List<OwnerReference> waiting) {
        return new GarbageCollector.Classification(solid, dangling, waiting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decide(String name, GarbageCollector.Classification c, boolean hasDependents, boolean depDeleting, ObjectMeta latest,
                String kind, List<String> remove, String policy, boolean unblock) {
        GarbageCollector.GcDecision d = GarbageCollector.decide(c, hasDependents, depDeleting, latest);
        assertThat(d.kind().name()).isEqualTo(kind);
        assertThat(d.ownerUidsToRemove()).containsExactlyElementsOf(remove);
        assertThat(d.propagationPolicy()).isEqualTo(policy);
        assertThat(d.unblockFirst()).isEqualTo(unblock);
    }
}
