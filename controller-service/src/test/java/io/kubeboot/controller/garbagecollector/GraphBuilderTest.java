package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.controller.garbagecollector.GcFixtures.addEvent;
import static io.kubeboot.controller.garbagecollector.GcFixtures.blockingRef;
import static io.kubeboot.controller.garbagecollector.GcFixtures.deleteEvent;
import static io.kubeboot.controller.garbagecollector.GcFixtures.deleting;
import static io.kubeboot.controller.garbagecollector.GcFixtures.drain;
import static io.kubeboot.controller.garbagecollector.GcFixtures.id;
import static io.kubeboot.controller.garbagecollector.GcFixtures.identities;
import static io.kubeboot.controller.garbagecollector.GcFixtures.meta;
import static io.kubeboot.controller.garbagecollector.GcFixtures.ref;
import static io.kubeboot.controller.garbagecollector.GcFixtures.uidRef;
import static org.assertj.core.api.Assertions.assertThat;

/** The graph bookkeeping of upstream's GraphBuilder (TestProcessEvent, TestConflictingData's graph steps). */
class GraphBuilderTest {
    private RateLimitingQueue<Node> attemptToDelete;
    private RateLimitingQueue<Node> attemptToOrphan;
    private RateLimitingQueue<GraphEvent> graphChanges;
    private ReferenceCache absent;
    private List<String> warnings;
    private GraphBuilder gb;

    private final ObjectIdentity rs = id("apps/v1", "ReplicaSet", "ns1", "rs1", "rsuid");
    private final ObjectIdentity pod1 = id("v1", "Pod", "ns1", "pod1", "poduid1");
    private final ObjectIdentity pod2 = id("v1", "Pod", "ns1", "pod2", "poduid2");

    @BeforeEach
    void setUp() {
        attemptToDelete = RateLimitingQueue.create("d");
        attemptToOrphan = RateLimitingQueue.create("o");
        graphChanges = RateLimitingQueue.create("g");
        absent = new ReferenceCache(10);
        warnings = new ArrayList<>();
        gb = new GraphBuilder(new UidToNode(), attemptToDelete, attemptToOrphan, graphChanges, absent,
                (ref, reason, message) -> warnings.add(reason + " " + message + " involvedObject{kind=" + ref.getKind() + "}"));
    }

    private static GraphEvent podEvent(GraphEvent.Type type, String self, String... owners) {
        List<OwnerReference> refs = Stream.of(owners).map(GcFixtures::uidRef).toList();
        ObjectMeta m = new ObjectMetaBuilder().withUid(self).withOwnerReferences(refs.isEmpty() ? null : refs).build();
        return new GraphEvent(type, false, "v1", "Pod", m, null);
    }

    static Stream<Arguments> processEventScenarios() {
        GraphEvent.Type add = GraphEvent.Type.ADD;
        GraphEvent.Type upd = GraphEvent.Type.UPDATE;
        GraphEvent.Type del = GraphEvent.Type.DELETE;
        return Stream.of(
                Arguments.of("test1", List.of(podEvent(add, "1"), podEvent(add, "2", "1"), podEvent(add, "3", "1", "2"))),
                Arguments.of("test2", List.of(podEvent(add, "1"), podEvent(add, "2", "1"), podEvent(add, "3", "1", "2"),
                        podEvent(add, "4", "2"), podEvent(del, "2", "doesn't matter"))),
                Arguments.of("test3", List.of(podEvent(add, "1"), podEvent(add, "2", "1"), podEvent(add, "3", "1", "2"),
                        podEvent(add, "4", "3"), podEvent(upd, "2", "4"))),
                Arguments.of("reverse test2", List.of(podEvent(add, "4", "2"), podEvent(add, "3", "1", "2"),
                        podEvent(add, "2", "1"), podEvent(add, "1"), podEvent(del, "2", "doesn't matter"))));
    }

    /** Upstream TestProcessEvent: after every event, owners list their dependents and dependents their owners. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("processEventScenarios")
    void graphInvariantsHoldAfterEveryEvent(String name, List<GraphEvent> events) {
        for (GraphEvent e : events) {
            gb.processGraphChanges(e);
            verifyGraphInvariants(gb.uidToNode().snapshot());
        }
    }

    private static void verifyGraphInvariants(Map<String, Node> nodes) {
        nodes.forEach((uid, node) -> {
            for (Node dep : node.getDependents()) {
                assertThat(dep.owners()).as("%s lists %s as a dependent", node, dep).anyMatch(o -> uid.equals(o.getUid()));
            }
            for (OwnerReference owner : node.owners()) {
                Node ownerNode = nodes.get(owner.getUid());
                if (ownerNode != null) {
                    assertThat(ownerNode.getDependents()).as("%s lists %s as an owner", node, ownerNode).contains(node);
                }
            }
        });
    }

    @Test
    void anUnseenOwnerGetsAVirtualNodeQueuedForVerification() throws Exception {
        gb.processGraphChanges(addEvent(pod1, ref(rs)));

        Node owner = gb.uidToNode().read("rsuid").orElseThrow();
        assertThat(owner.isVirtual()).isTrue();
        // the virtual owner takes the dependent's namespace
        assertThat(owner.identity()).isEqualTo(rs);
        assertThat(identities(owner.getDependents())).containsExactly(pod1);
        assertThat(identities(drain(attemptToDelete))).containsExactly(rs);
    }

    @Test
    void observingTheOwnerMakesItsVirtualNodeReal() throws Exception {
        gb.processGraphChanges(addEvent(pod1, ref(rs)));
        drain(attemptToDelete);
        gb.processGraphChanges(addEvent(rs));

        Node owner = gb.uidToNode().read("rsuid").orElseThrow();
        assertThat(owner.isObserved()).isTrue();
        assertThat(identities(owner.getDependents())).containsExactly(pod1);
        assertThat(drain(attemptToDelete)).as("coordinates agree: nothing to verify").isEmpty();
    }

    @Test
    void deletingAnOwnerQueuesItsDependentsAndRemembersItsAbsence() throws Exception {
        gb.processGraphChanges(addEvent(rs));
        gb.processGraphChanges(addEvent(pod1, blockingRef(rs)));
        gb.processGraphChanges(addEvent(pod2, blockingRef(rs)));
        drain(attemptToDelete);

        gb.processGraphChanges(deleteEvent(rs));

        assertThat(gb.uidToNode().read("rsuid")).isEmpty();
        assertThat(identities(drain(attemptToDelete))).containsExactlyInAnyOrder(pod1, pod2);
        assertThat(absent.has(rs)).isTrue();
    }

    @Test
    void deletingAnOwnerWithoutDependentsDoesNotCacheItsAbsence() throws Exception {
        gb.processGraphChanges(addEvent(rs));
        gb.processGraphChanges(deleteEvent(rs));
        assertThat(absent.has(rs)).isFalse();
        assertThat(drain(attemptToDelete)).isEmpty();
    }

    @Test
    void deletionStartingWithTheOrphanFinalizerQueuesTheOwnerToOrphanOnce() throws Exception {
        gb.processGraphChanges(addEvent(rs));
        ObjectMeta live = meta(rs);
        ObjectMeta orphaning = deleting(live, "orphan");
        gb.processGraphChanges(GraphEvent.update("apps/v1", "ReplicaSet", live, orphaning));
        // a later update that still has the finalizer is no new transition
        gb.processGraphChanges(GraphEvent.update("apps/v1", "ReplicaSet", orphaning, orphaning));

        assertThat(identities(drain(attemptToOrphan))).containsExactly(rs);
        assertThat(gb.uidToNode().read("rsuid").orElseThrow().isBeingDeleted()).isTrue();
    }

    @Test
    void deletionStartingWithForegroundDeletionQueuesTheOwnerAndItsDependents() throws Exception {
        gb.processGraphChanges(addEvent(rs));
        gb.processGraphChanges(addEvent(pod1, blockingRef(rs)));
        drain(attemptToDelete);
        ObjectMeta live = meta(rs);

        gb.processGraphChanges(GraphEvent.update("apps/v1", "ReplicaSet", live, deleting(live, "foregroundDeletion")));

        Node owner = gb.uidToNode().read("rsuid").orElseThrow();
        assertThat(owner.isDeletingDependents()).isTrue();
        assertThat(identities(drain(attemptToDelete))).containsExactly(pod1, rs);
        assertThat(drain(attemptToOrphan)).isEmpty();
    }

    @Test
    void anObjectFirstSeenDeletingDependentsIsMarkedAndQueued() throws Exception {
        gb.processGraphChanges(GraphEvent.add("apps/v1", "ReplicaSet", deleting(meta(rs), "foregroundDeletion")));
        Node owner = gb.uidToNode().read("rsuid").orElseThrow();
        assertThat(owner.isDeletingDependents()).isTrue();
        assertThat(owner.isBeingDeleted()).isTrue();
        assertThat(identities(drain(attemptToDelete))).containsExactly(rs);
    }

    @Test
    void aDependentGoneQueuesItsOwnerThatIsDeletingDependents() throws Exception {
        gb.processGraphChanges(GraphEvent.add("apps/v1", "ReplicaSet", deleting(meta(rs), "foregroundDeletion")));
        gb.processGraphChanges(addEvent(pod1, blockingRef(rs)));
        drain(attemptToDelete);

        gb.processGraphChanges(deleteEvent(pod1, blockingRef(rs)));

        assertThat(identities(drain(attemptToDelete))).containsExactly(rs);
        assertThat(gb.uidToNode().read("rsuid").orElseThrow().getDependents()).isEmpty();
    }

    static Stream<Arguments> unblockingChanges() {
        ObjectIdentity owner = id("apps/v1", "ReplicaSet", "ns1", "rs1", "rsuid");
        OwnerReference blocking = blockingRef(owner);
        return Stream.of(
                Arguments.of("blocking reference removed", blocking, null, true),
                Arguments.of("blockOwnerDeletion set to false", blocking,
                        new OwnerReferenceBuilder(blocking).withBlockOwnerDeletion(false).build(), true),
                Arguments.of("blockOwnerDeletion unset", blocking,
                        new OwnerReferenceBuilder(blocking).withBlockOwnerDeletion(null).build(), true),
                Arguments.of("non-blocking reference removed", ref(owner), null, false),
                Arguments.of("controller flag changed only", blocking,
                        new OwnerReferenceBuilder(blocking).withController(false).build(), false));
    }

    /** Upstream addUnblockedOwnersToDeleteQueue: the owner may be waiting for exactly this reference. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unblockingChanges")
    void unblockingAReferenceQueuesTheOwner(String name, OwnerReference before, OwnerReference after, boolean ownerQueued)
            throws Exception {
        gb.processGraphChanges(addEvent(rs));
        ObjectMeta old = meta(pod1, before);
        gb.processGraphChanges(GraphEvent.add("v1", "Pod", old));
        drain(attemptToDelete);

        ObjectMeta cur = after == null ? meta(pod1) : meta(pod1, after);
        gb.processGraphChanges(GraphEvent.update("v1", "Pod", old, cur));

        List<ObjectIdentity> queued = identities(drain(attemptToDelete));
        if (ownerQueued) {
            assertThat(queued).containsExactly(rs);
        } else {
            assertThat(queued).isEmpty();
        }
        Node owner = gb.uidToNode().read("rsuid").orElseThrow();
        assertThat(owner.getDependents()).hasSize(after == null ? 0 : 1);
    }

    @Test
    void ownerReferenceChangesMoveTheDependentBetweenOwners() throws Exception {
        ObjectIdentity rs2 = id("apps/v1", "ReplicaSet", "ns1", "rs2", "rsuid2");
        gb.processGraphChanges(addEvent(rs));
        gb.processGraphChanges(addEvent(rs2));
        ObjectMeta old = meta(pod1, ref(rs));
        gb.processGraphChanges(GraphEvent.add("v1", "Pod", old));

        gb.processGraphChanges(GraphEvent.update("v1", "Pod", old, meta(pod1, ref(rs2))));

        assertThat(gb.uidToNode().read("rsuid").orElseThrow().getDependents()).isEmpty();
        assertThat(identities(gb.uidToNode().read("rsuid2").orElseThrow().getDependents())).containsExactly(pod1);
        assertThat(gb.uidToNode().read("poduid1").orElseThrow().owners()).containsExactly(ref(rs2));
    }

    /** TestConflictingData "bad child in ns1 -> owner in ns2 (owner first)". */
    @Test
    void aReferenceToAnOwnerInAnotherNamespaceIsReportedAndQueued() throws Exception {
        ObjectIdentity pod2ns2 = id("v1", "Pod", "ns2", "podname2", "poduid2");
        ObjectIdentity pod2ns1 = id("v1", "Pod", "ns1", "podname2", "poduid2");
        ObjectIdentity child = id("v1", "Pod", "ns1", "podname1", "poduid1");
        gb.processGraphChanges(addEvent(pod2ns2));

        gb.processGraphChanges(addEvent(child, ref(pod2ns1)));

        assertThat(identities(drain(attemptToDelete))).containsExactly(child);
        assertThat(warnings).containsExactly("OwnerRefInvalidNamespace ownerRef [v1/Pod, namespace: ns1, name: podname2, "
                + "uid: poduid2] does not exist in namespace \"ns1\" involvedObject{kind=Pod}");
    }

    /** TestConflictingData "bad child in ns1 -> owner in ns2 (child first)". */
    @Test
    void observingAnOwnerInAnotherNamespaceQueuesTheBadChild() throws Exception {
        ObjectIdentity pod2ns2 = id("v1", "Pod", "ns2", "podname2", "poduid2");
        ObjectIdentity pod2ns1 = id("v1", "Pod", "ns1", "podname2", "poduid2");
        ObjectIdentity child = id("v1", "Pod", "ns1", "podname1", "poduid1");
        gb.processGraphChanges(addEvent(child, ref(pod2ns2)));
        assertThat(identities(drain(attemptToDelete))).containsExactly(pod2ns1);

        gb.processGraphChanges(addEvent(pod2ns2));

        Node owner = gb.uidToNode().read("poduid2").orElseThrow();
        assertThat(owner.identity()).as("namespace coordinate corrected").isEqualTo(pod2ns2);
        assertThat(owner.isObserved()).isTrue();
        assertThat(identities(drain(attemptToDelete))).containsExactly(child);
        assertThat(warnings).hasSize(1).first().asString().startsWith("OwnerRefInvalidNamespace");
    }

    @Test
    void aVirtualDeleteRemovesAVirtualOwnerAndQueuesItsDependents() throws Exception {
        gb.processGraphChanges(addEvent(pod1, ref(rs)));
        drain(attemptToDelete);

        gb.processGraphChanges(GraphEvent.virtualDelete(rs));

        assertThat(gb.uidToNode().read("rsuid")).isEmpty();
        assertThat(identities(drain(attemptToDelete))).containsExactly(pod1);
        assertThat(absent.has(rs)).isTrue();
    }

    @Test
    void aVirtualDeleteOfOtherCoordinatesKeepsAnObservedNode() throws Exception {
        gb.processGraphChanges(addEvent(rs));
        gb.processGraphChanges(addEvent(pod1, ref(rs)));
        drain(attemptToDelete);

        gb.processGraphChanges(GraphEvent.virtualDelete(id("apps/v1", "ReplicaSet", "ns1", "other-name", "rsuid")));

        assertThat(gb.uidToNode().read("rsuid")).isPresent();
        assertThat(drain(attemptToDelete)).as("no dependent names those coordinates").isEmpty();
    }

    @Test
    void aVirtualDeleteOfAVirtualOwnerNamedDifferentlyByDependentsSwitchesToTheOtherIdentity() throws Exception {
        ObjectIdentity v1beta1 = id("apps/v1beta1", "ReplicaSet", "ns1", "rs1", "rsuid");
        gb.processGraphChanges(addEvent(pod1, ref(rs)));
        gb.processGraphChanges(addEvent(pod2, ref(v1beta1)));
        drain(attemptToDelete);

        gb.processGraphChanges(GraphEvent.virtualDelete(rs));

        Node owner = gb.uidToNode().read("rsuid").orElseThrow();
        assertThat(owner.identity()).isEqualTo(v1beta1);
        assertThat(absent.has(rs)).isTrue();
        // pod1 agrees with the verified-absent identity; the replacement is queued rate limited (after a delay)
        assertThat(identities(drain(attemptToDelete))).contains(pod1);
    }

    @Test
    void partitionDependentsSplitsByCoordinates() {
        ObjectIdentity other = id("apps/v1", "Deployment", "ns1", "rs1", "rsuid");
        Node matching = new Node(pod1, List.of(ref(rs)), false, false, false);
        Node mismatching = new Node(pod2, List.of(ref(other)), false, false, false);
        Node otherNs = new Node(id("v1", "Pod", "ns2", "p", "u"), List.of(ref(rs)), false, false, false);
        Node unrelated = new Node(id("v1", "Pod", "ns1", "q", "u2"), List.of(uidRef("x")), false, false, false);

        GraphBuilder.Partition p = GraphBuilder.partitionDependents(List.of(matching, mismatching, otherNs, unrelated), rs);

        assertThat(p.matching()).containsExactly(matching);
        assertThat(p.nonMatching()).containsExactly(mismatching, otherNs);
    }
}
