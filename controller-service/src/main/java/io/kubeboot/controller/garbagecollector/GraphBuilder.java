package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.kubeboot.controller.garbagecollector.OwnerReferences.FINALIZER_DELETE_DEPENDENTS;
import static io.kubeboot.controller.garbagecollector.OwnerReferences.FINALIZER_ORPHAN;

/**
 * Upstream {@code GraphBuilder.processGraphChanges}: turns informer events into the dependency graph (uid -> node with
 * owners and dependents) and decides what the workers must look at:
 * <ul>
 *   <li>an owner referenced before it was observed gets a virtual node, queued to attemptToDelete so a worker asks
 *   the apiserver whether it exists;</li>
 *   <li>a deleted object's dependents are queued to attemptToDelete (their owner may now be dangling), and so are its
 *   owners that are deleting dependents in the foreground (one blocker fewer);</li>
 *   <li>an object whose deletion starts with the {@code orphan} finalizer is queued to attemptToOrphan; one whose
 *   deletion starts with {@code foregroundDeletion} is marked deletingDependents and queued to attemptToDelete with
 *   all its dependents;</li>
 *   <li>a blocking ownerReference that is removed or unblocked queues the owner (its foreground deletion may be
 *   done);</li>
 *   <li>ownerReferences whose namespace or coordinates disagree with the observed owner queue the dependent, and a
 *   Warning {@code OwnerRefInvalidNamespace} is recorded for namespace mismatches.</li>
 * </ul>
 * Not thread safe: one thread (the graph-changes worker) calls {@link #processGraphChanges}.
 */
final class GraphBuilder {
    private static final Logger log = LoggerFactory.getLogger(GraphBuilder.class);

    private final UidToNode uidToNode;
    private final RateLimitingQueue<Node> attemptToDelete;
    private final RateLimitingQueue<Node> attemptToOrphan;
    private final RateLimitingQueue<GraphEvent> graphChanges;
    private final ReferenceCache absentOwnerCache;
    private final WarningEvents events;

    GraphBuilder(UidToNode uidToNode, RateLimitingQueue<Node> attemptToDelete, RateLimitingQueue<Node> attemptToOrphan,
                 RateLimitingQueue<GraphEvent> graphChanges, ReferenceCache absentOwnerCache, WarningEvents events) {
        this.uidToNode = uidToNode;
        this.attemptToDelete = attemptToDelete;
        this.attemptToOrphan = attemptToOrphan;
        this.graphChanges = graphChanges;
        this.absentOwnerCache = absentOwnerCache;
        this.events = events;
    }

    UidToNode uidToNode() {
        return uidToNode;
    }

    /** Upstream {@code enqueueVirtualDeleteEvent}: removes a node the apiserver said does not exist. */
    void enqueueVirtualDeleteEvent(ObjectIdentity ref) {
        graphChanges.add(GraphEvent.virtualDelete(ref));
    }

    /** Applies one event to the graph and queues the work it implies. */
    void processGraphChanges(GraphEvent event) {
        ObjectMeta meta = event.meta();
        if (meta == null || meta.getUid() == null) {
            log.error("cannot access obj: {}", event);
            return;
        }
        log.trace("GraphBuilder process object {} eventType {} virtual {}", event.identity(), event.type(), event.virtual());
        Optional<Node> found = uidToNode.read(meta.getUid());
        Node existing = found.orElse(null);
        if (existing != null && !event.virtual() && !existing.isObserved()) {
            existing = observe(event, existing);
        }
        switch (event.type()) {
            case ADD, UPDATE -> {
                if (existing == null) {
                    Node n = new Node(event.identity(), meta.getOwnerReferences(), false,
                            OwnerReferences.beingDeleted(meta),
                            OwnerReferences.beingDeleted(meta) && OwnerReferences.hasFinalizer(meta, FINALIZER_DELETE_DEPENDENTS));
                    insertNode(n);
                    // the informer may fold a creation and a deletion into one event
                    processTransitions(event.oldMeta(), meta, n);
                } else {
                    updateNode(event, existing);
                }
            }
            case DELETE -> {
                if (existing == null) {
                    log.trace("item {} doesn't exist in the graph, this shouldn't happen", meta.getUid());
                    return;
                }
                deleteNode(event, existing);
            }
        }
    }

    /**
     * The first informer event of a node that was virtual: if its real identity differs from the one its dependents
     * guessed, the dependents that disagree are queued (they may point at nothing) and the node is replaced.
     */
    private Node observe(GraphEvent event, Node existing) {
        ObjectIdentity observed = event.identity();
        Node node = existing;
        if (!observed.equals(existing.identity())) {
            Partition p = partitionDependents(existing.getDependents(), observed);
            for (Node dep : p.nonMatching()) {
                if (!observed.namespace().isEmpty() && !dep.identity().namespace().equals(observed.namespace())) {
                    log.info("item {} references an owner {} but does not match namespaces", dep.identity(), observed);
                    reportInvalidNamespaceOwnerRef(dep, observed.uid());
                }
                attemptToDelete.add(dep);
            }
            log.info("replacing virtual item {} with observed item {}", existing.identity(), observed);
            node = existing.cloneWithIdentity(observed);
            uidToNode.write(node);
        }
        node.markObserved();
        return node;
    }

    private void updateNode(GraphEvent event, Node existing) {
        ObjectMeta meta = event.meta();
        Node node = existing;
        // the object is now seen through another apiVersion/kind: re-key it, and tell its owners
        if (!event.virtual() && (!node.identity().apiVersion().equals(event.apiVersion())
                || !node.identity().kind().equals(event.kind()))) {
            Node old = node;
            node = node.cloneWithIdentity(node.identity().withApiVersionAndKind(event.apiVersion(), event.kind()));
            uidToNode.write(node);
            for (OwnerReference owner : node.owners()) {
                Node finalNode = node;
                uidToNode.read(owner.getUid()).ifPresent(o -> o.replaceDependentIfItExists(old, finalNode));
            }
        }
        OwnerReferences.Diff diff = OwnerReferences.diff(node.owners(), meta.getOwnerReferences());
        if (!diff.isEmpty()) {
            // a blocking reference that went away may be what a foreground deletion waits for
            addUnblockedOwnersToDeleteQueue(diff);
            node.setOwners(meta.getOwnerReferences());
            addDependentToOwners(node, diff.added());
            removeDependentFromOwners(node, diff.removed());
        }
        if (OwnerReferences.beingDeleted(meta)) {
            node.markBeingDeleted();
        }
        processTransitions(event.oldMeta(), meta, node);
    }

    private void deleteNode(GraphEvent event, Node existing) {
        boolean removeExisting = true;
        if (event.virtual()) {
            ObjectIdentity deleted = event.identity();
            if (existing.isVirtual()) {
                // a virtual node's coordinates are a guess: keep it while some dependents name it differently
                Partition p = partitionDependents(existing.getDependents(), deleted);
                if (!p.nonMatching().isEmpty()) {
                    removeExisting = false;
                    if (!p.matching().isEmpty()) {
                        absentOwnerCache.add(deleted);
                        p.matching().forEach(attemptToDelete::add);
                    }
                    if (existing.identity().equals(deleted)) {
                        ObjectIdentity replacement = alternateOwnerIdentity(p.nonMatching(), deleted);
                        if (replacement != null) {
                            Node r = existing.cloneWithIdentity(replacement);
                            uidToNode.write(r);
                            attemptToDelete.addRateLimited(r);
                        }
                    }
                }
            } else if (!existing.identity().equals(deleted)) {
                // an observed node is never removed by a virtual delete of other coordinates
                removeExisting = false;
                Partition p = partitionDependents(existing.getDependents(), deleted);
                if (!p.matching().isEmpty()) {
                    absentOwnerCache.add(deleted);
                    p.matching().forEach(attemptToDelete::add);
                }
            }
        }
        if (!removeExisting) {
            return;
        }
        removeNode(existing);
        List<Node> dependents = existing.getDependents();
        if (!dependents.isEmpty()) {
            absentOwnerCache.add(event.identity());
        }
        dependents.forEach(attemptToDelete::add);
        for (OwnerReference owner : existing.owners()) {
            uidToNode.read(owner.getUid()).filter(Node::isDeletingDependents).ifPresent(attemptToDelete::add);
        }
    }

    private void processTransitions(ObjectMeta oldMeta, ObjectMeta meta, Node n) {
        if (OwnerReferences.deletionStartsWithFinalizer(oldMeta, meta, FINALIZER_ORPHAN)) {
            log.debug("add item {} to attemptToOrphan", n.identity());
            attemptToOrphan.add(n);
            return;
        }
        if (OwnerReferences.deletionStartsWithFinalizer(oldMeta, meta, FINALIZER_DELETE_DEPENDENTS)) {
            log.debug("add item {} to attemptToDelete, because it's waiting for its dependents to be deleted", n.identity());
            // a node that started virtual was not marked when it was inserted
            n.markDeletingDependents();
            n.getDependents().forEach(attemptToDelete::add);
            attemptToDelete.add(n);
        }
    }

    private void insertNode(Node n) {
        uidToNode.write(n);
        addDependentToOwners(n, n.owners());
    }

    private void removeNode(Node n) {
        uidToNode.delete(n.identity().uid());
        removeDependentFromOwners(n, n.owners());
    }

    /**
     * Upstream {@code addDependentToOwners}: registers {@code n} with each owner, creating (and queueing for
     * verification) virtual owners not seen yet; queues {@code n} when a reference may be invalid.
     */
    void addDependentToOwners(Node n, List<OwnerReference> owners) {
        boolean potentiallyInvalid = false;
        for (OwnerReference owner : owners) {
            Optional<Node> found = uidToNode.read(owner.getUid());
            Node ownerNode;
            if (found.isEmpty()) {
                ownerNode = Node.virtualOwner(ObjectIdentity.ofOwner(owner, n.identity().namespace()));
                log.trace("add virtual item {}", ownerNode.identity());
                uidToNode.write(ownerNode);
            } else {
                ownerNode = found.get();
            }
            ownerNode.addDependent(n);
            if (found.isEmpty()) {
                // a worker asks the apiserver; a virtual delete removes the node if the owner does not exist
                attemptToDelete.add(ownerNode);
            } else if (!potentiallyInvalid) {
                ObjectIdentity oid = ownerNode.identity();
                boolean ownerNamespaced = !oid.namespace().isEmpty();
                if (ownerNamespaced && !oid.namespace().equals(n.identity().namespace())) {
                    if (ownerNode.isObserved()) {
                        log.info("item {} references an owner {} but does not match namespaces", n.identity(), oid);
                        reportInvalidNamespaceOwnerRef(n, owner.getUid());
                    }
                    potentiallyInvalid = true;
                } else if (!oid.matchesCoordinates(owner)) {
                    if (ownerNode.isObserved()) {
                        log.info("item {} references an owner {} with coordinates that do not match the observed identity",
                                n.identity(), oid);
                    }
                    potentiallyInvalid = true;
                } else if (!ownerNamespaced && !oid.namespace().equals(n.identity().namespace()) && !ownerNode.isObserved()) {
                    // a virtual cluster-scoped owner may really be a namespaced type a cluster-scoped child names
                    potentiallyInvalid = true;
                }
            }
        }
        if (potentiallyInvalid) {
            attemptToDelete.add(n);
        }
    }

    void removeDependentFromOwners(Node n, List<OwnerReference> owners) {
        for (OwnerReference owner : owners) {
            uidToNode.read(owner.getUid()).ifPresent(o -> o.deleteDependent(n));
        }
    }

    /** Upstream {@code addUnblockedOwnersToDeleteQueue}. */
    private void addUnblockedOwnersToDeleteQueue(OwnerReferences.Diff diff) {
        for (OwnerReference ref : diff.removed()) {
            if (OwnerReferences.isBlocking(ref)) {
                uidToNode.read(ref.getUid()).ifPresentOrElse(attemptToDelete::add,
                        () -> log.trace("cannot find uid {} in uidToNode", ref.getUid()));
            }
        }
        for (OwnerReferences.Changed c : diff.changed()) {
            if (OwnerReferences.isBlocking(c.oldRef()) && !OwnerReferences.isBlocking(c.newRef())) {
                uidToNode.read(c.newRef().getUid()).ifPresentOrElse(attemptToDelete::add,
                        () -> log.trace("cannot find uid {} in uidToNode", c.newRef().getUid()));
            }
        }
    }

    private void reportInvalidNamespaceOwnerRef(Node n, String invalidOwnerUid) {
        OwnerReference invalid = null;
        for (OwnerReference ref : n.owners()) {
            if (invalidOwnerUid.equals(ref.getUid())) {
                invalid = ref;
                break;
            }
        }
        if (invalid == null) {
            return;
        }
        ObjectIdentity invalidIdentity = ObjectIdentity.ofOwner(invalid, n.identity().namespace());
        events.warning(n.identity().toObjectReference(), "OwnerRefInvalidNamespace",
                "ownerRef " + invalidIdentity + " does not exist in namespace \"" + n.identity().namespace() + "\"");
    }

    record Partition(List<Node> matching, List<Node> nonMatching) {
    }

    /**
     * Upstream {@code partitionDependents}: dependents whose reference to {@code owner.uid} matches all of owner's
     * coordinates, and those with a reference that does not (a dependent may be in both).
     */
    static Partition partitionDependents(List<Node> dependents, ObjectIdentity owner) {
        boolean ownerNamespaced = !owner.namespace().isEmpty();
        List<Node> matching = new ArrayList<>();
        List<Node> nonMatching = new ArrayList<>();
        for (Node dep : dependents) {
            boolean match = false;
            boolean mismatch = false;
            if (ownerNamespaced && !owner.namespace().equals(dep.identity().namespace())) {
                mismatch = true;
            } else {
                for (OwnerReference ref : dep.owners()) {
                    if (owner.uid().equals(ref.getUid())) {
                        if (owner.matchesCoordinates(ref)) {
                            match = true;
                        } else {
                            mismatch = true;
                        }
                    }
                }
            }
            if (match) {
                matching.add(dep);
            }
            if (mismatch) {
                nonMatching.add(dep);
            }
        }
        return new Partition(matching, nonMatching);
    }

    /**
     * Upstream {@code getAlternateOwnerIdentity}: among the other identities dependents give {@code absent.uid}, the
     * first following {@code absent} in {@link ObjectIdentity#ORDER}, else the first; null when there is none.
     */
    static ObjectIdentity alternateOwnerIdentity(List<Node> dependents, ObjectIdentity absent) {
        boolean absentClusterScoped = absent.namespace().isEmpty();
        Set<ObjectIdentity> seen = new HashSet<>();
        seen.add(absent);
        ObjectIdentity first = null;
        ObjectIdentity firstFollowing = null;
        for (Node dep : dependents) {
            for (OwnerReference ref : dep.owners()) {
                if (!absent.uid().equals(ref.getUid())) {
                    continue;
                }
                if (absent.matchesCoordinates(ref)
                        && (absentClusterScoped || absent.namespace().equals(dep.identity().namespace()))) {
                    continue;
                }
                ObjectIdentity alt = ObjectIdentity.ofOwner(ref, dep.identity().namespace());
                if (absentClusterScoped && alt.apiVersion().equals(absent.apiVersion()) && alt.kind().equals(absent.kind())) {
                    // that apiVersion/kind is known to be cluster-scoped
                    alt = alt.withNamespace("");
                }
                if (!seen.add(alt)) {
                    continue;
                }
                if (first == null || ObjectIdentity.ORDER.compare(alt, first) < 0) {
                    first = alt;
                }
                if (ObjectIdentity.ORDER.compare(absent, alt) < 0
                        && (firstFollowing == null || ObjectIdentity.ORDER.compare(alt, firstFollowing) < 0)) {
                    firstFollowing = alt;
                }
            }
        }
        return firstFollowing != null ? firstFollowing : first;
    }
}
