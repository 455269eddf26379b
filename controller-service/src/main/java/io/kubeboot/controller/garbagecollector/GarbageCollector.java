package io.kubeboot.controller.garbagecollector;

import io.kubeboot.controller.util.MetadataClient;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.kubeboot.controller.garbagecollector.OwnerReferences.FINALIZER_DELETE_DEPENDENTS;
import static io.kubeboot.controller.garbagecollector.OwnerReferences.FINALIZER_ORPHAN;

/**
 * The workers' side of upstream's garbage collector (garbagecollector.go, operations.go): what to do with a node
 * taken from attemptToDelete or attemptToOrphan, checked against the live object (never only the graph).
 *
 * <p>attemptToDelete of an object: its owner references are classified by asking the apiserver (solid: exists and is
 * not deleting its dependents in the foreground; dangling: gone or another uid; waiting: deleting dependents in the
 * foreground). With a solid owner the dangling and waiting references are removed (strategic merge patch); with a
 * waiting owner and dependents of its own it is deleted in the foreground; with no solid owner it is deleted with the
 * policy its own finalizers ask for (Background otherwise). An object deleting its dependents loses its
 * {@code foregroundDeletion} finalizer once no dependent blocks it.
 *
 * <p>attemptToOrphan of an owner: the reference to it is removed from all its dependents, then its {@code orphan}
 * finalizer. Thread safe: workers call concurrently, one node at a time each.
 */
final class GarbageCollector {
    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
    /** client-go's {@code retry.DefaultBackoff}: 4 steps from 10ms, factor 5. */
    static final int UPDATE_MAX_RETRIES = 4;
    private static final long[] RETRY_SLEEP_MS = {10, 50, 250};

    /** What the queue does with the item: forget its backoff, or add it again rate limited. */
    enum Action { FORGET, REQUEUE }

    /** Outcomes of attemptToDeleteItem that are not plain success. */
    private enum Outcome { DONE, VIRTUAL_DELETE_ENQUEUED }

    /** Upstream {@code namespacedOwnerOfClusterScopedObjectErr}: will not resolve on retry. */
    static final class NamespacedOwnerOfClusterScopedObject extends Exception {
        NamespacedOwnerOfClusterScopedObject() {
            super("cluster-scoped objects cannot refer to namespaced owners");
        }
    }

    private final GraphBuilder graph;
    private final RateLimitingQueue<Node> attemptToDelete;
    private final ReferenceCache absentOwnerCache;
    private final RestMapper mapper;
    private final MetadataClient client;

    GarbageCollector(GraphBuilder graph, RateLimitingQueue<Node> attemptToDelete, ReferenceCache absentOwnerCache,
                     RestMapper mapper, MetadataClient client) {
        this.graph = graph;
        this.attemptToDelete = attemptToDelete;
        this.absentOwnerCache = absentOwnerCache;
        this.mapper = mapper;
        this.client = client;
    }

    // ------------------------------------------------------------------ attemptToDelete

    /** Upstream {@code attemptToDeleteWorker}. */
    Action attemptToDeleteWorker(Node n) {
        if (!n.isObserved()) {
            Optional<Node> fromGraph = graph.uidToNode().read(n.identity().uid());
            if (fromGraph.isEmpty()) {
                // a requeued virtual node whose deletion was observed meanwhile
                log.trace("item {} no longer in the graph, skipping attemptToDeleteItem", n.identity());
                return Action.FORGET;
            }
            if (fromGraph.get().isObserved()) {
                log.trace("item {} no longer virtual in the graph, skipping attemptToDeleteItem on virtual node", n.identity());
                return Action.FORGET;
            }
        }
        Optional<Node> fromGraph = graph.uidToNode().read(n.identity().uid());
        if (fromGraph.isPresent() && (!fromGraph.get().identity().apiVersion().equals(n.identity().apiVersion())
                || !fromGraph.get().identity().kind().equals(n.identity().kind()))) {
            ObjectIdentity g = fromGraph.get().identity();
            n = n.cloneWithIdentity(n.identity().withApiVersionAndKind(g.apiVersion(), g.kind()));
        }
        try {
            if (attemptToDeleteItem(n) == Outcome.VIRTUAL_DELETE_ENQUEUED) {
                return Action.FORGET;
            }
        } catch (NamespacedOwnerOfClusterScopedObject e) {
            return Action.FORGET;
        } catch (RestMapper.RestMappingException e) {
            log.error("error syncing item {}: {}", n.identity(), e.getMessage());
            return Action.REQUEUE;
        } catch (RuntimeException e) {
            log.error("error syncing item {}: {}", n, ClientErrors.message(e));
            return Action.REQUEUE;
        }
        if (!n.isObserved()) {
            // a virtual node for an object created and deleted while the watch was down must not stay forever
            log.trace("item {} hasn't been observed via informer yet", n.identity());
            return Action.REQUEUE;
        }
        return Action.FORGET;
    }

    private Outcome attemptToDeleteItem(Node item) throws RestMapper.RestMappingException, NamespacedOwnerOfClusterScopedObject {
        log.debug("Processing item {} virtual={}", item.identity(), item.isVirtual());
        // being deleted is a one-way trip: wait for the final deletion, then handle the dependents
        if (item.isBeingDeleted() && !item.isDeletingDependents()) {
            log.trace("processing item {} returned at once, because its DeletionTimestamp is non-nil", item.identity());
            return Outcome.DONE;
        }
        ObjectMeta latest;
        try {
            latest = getObject(item.identity());
        } catch (RuntimeException e) {
            if (ClientErrors.isNotFound(e)) {
                log.trace("item {} not found, generating a virtual delete event", item.identity());
                graph.enqueueVirtualDeleteEvent(item.identity());
                return Outcome.VIRTUAL_DELETE_ENQUEUED;
            }
            throw e;
        }
        if (!Objects.equals(latest.getUid(), item.identity().uid())) {
            log.trace("UID doesn't match, item {} not found, generating a virtual delete event", item.identity());
            graph.enqueueVirtualDeleteEvent(item.identity());
            return Outcome.VIRTUAL_DELETE_ENQUEUED;
        }
        if (item.isDeletingDependents()) {
            processDeletingDependentsItem(item);
            return Outcome.DONE;
        }
        List<OwnerReference> ownerReferences = OwnerReferences.nz(latest.getOwnerReferences());
        if (ownerReferences.isEmpty()) {
            log.debug("item {} doesn't have an owner, continue on next item", item.identity());
            return Outcome.DONE;
        }
        Classification c = classifyReferences(item, ownerReferences);
        log.trace("classify item's references: item {} solid {} dangling {} waitingForDependentsDeletion {}",
                item.identity(), uids(c.solid()), uids(c.dangling()), uids(c.waiting()));
        GcDecision decision = decide(c, item.dependentsLength() != 0,
                item.getDependents().stream().anyMatch(Node::isDeletingDependents), latest);
        switch (decision.kind()) {
            case KEEP -> {
                log.debug("item {} has at least one existing owner: {}, will not garbage collect", item.identity(), uids(c.solid()));
                return Outcome.DONE;
            }
            case REMOVE_REFERENCES -> {
                log.debug("remove dangling references {} and waiting references {} for item {}",
                        uids(c.dangling()), uids(c.waiting()), item.identity());
                patch(item, Patches.deleteOwnerRefStrategicMerge(item.identity().uid(), decision.ownerUidsToRemove()),
                        current -> Patches.deleteOwnerRefJsonMerge(current, decision.ownerUidsToRemove()));
                return Outcome.DONE;
            }
            default -> {
                if (decision.unblockFirst()) {
                    log.debug("processing item {}, some of its owners and its dependent have FinalizerDeletingDependents, "
                            + "to prevent potential cycle, its ownerReferences are going to be modified to be non-blocking, "
                            + "then the item is going to be deleted with Foreground", item.identity());
                    patch(item, Patches.unblockOwnerReferencesStrategicMerge(item),
                            current -> Patches.unblockOwnerReferencesJsonMerge(item, current));
                }
                log.debug("Deleting item {} propagationPolicy {}", item.identity(), decision.propagationPolicy());
                try {
                    deleteObject(item.identity(), decision.propagationPolicy());
                } catch (RuntimeException e) {
                    if (ClientErrors.isNotFound(e)) {
                        graph.enqueueVirtualDeleteEvent(item.identity());
                        return Outcome.VIRTUAL_DELETE_ENQUEUED;
                    }
                    throw e;
                }
                return Outcome.DONE;
            }
        }
    }

    /** The owner references of an object, sorted as upstream's {@code classifyReferences}. */
    record Classification(List<OwnerReference> solid, List<OwnerReference> dangling, List<OwnerReference> waiting) {
    }

    /** What attemptToDelete does with an object, given its classified owners. */
    record GcDecision(Kind kind, List<String> ownerUidsToRemove, String propagationPolicy, boolean unblockFirst) {
        enum Kind { KEEP, REMOVE_REFERENCES, DELETE }
    }

    /**
     * The pure decision of upstream's attemptToDeleteItem switch:
     * <ul>
     *   <li>a solid owner: keep; remove the dangling and waiting references if there are any (a waiting owner would
     *   otherwise wait for this object forever);</li>
     *   <li>no solid owner, a waiting owner, and dependents of its own: delete in the Foreground so its own dependents
     *   go first (unblocking its references first when a dependent also deletes in the foreground, to break
     *   cycles);</li>
     *   <li>otherwise: delete, honouring an orphan or foregroundDeletion finalizer already on the object, else
     *   Background.</li>
     * </ul>
     */
    static GcDecision decide(Classification c, boolean hasDependents, boolean aDependentIsDeletingDependents, ObjectMeta latest) {
        if (!c.solid().isEmpty()) {
            if (c.dangling().isEmpty() && c.waiting().isEmpty()) {
                return new GcDecision(GcDecision.Kind.KEEP, List.of(), null, false);
            }
            List<String> remove = new ArrayList<>(uids(c.dangling()));
            remove.addAll(uids(c.waiting()));
            return new GcDecision(GcDecision.Kind.REMOVE_REFERENCES, remove, null, false);
        }
        if (!c.waiting().isEmpty() && hasDependents) {
            return new GcDecision(GcDecision.Kind.DELETE, List.of(), "Foreground", aDependentIsDeletingDependents);
        }
        String policy;
        if (OwnerReferences.hasFinalizer(latest, FINALIZER_ORPHAN)) {
            policy = "Orphan";
        } else if (OwnerReferences.hasFinalizer(latest, FINALIZER_DELETE_DEPENDENTS)) {
            policy = "Foreground";
        } else {
            policy = "Background";
        }
        return new GcDecision(GcDecision.Kind.DELETE, List.of(), policy, false);
    }

    /** Upstream {@code classifyReferences}; talks to the apiserver. */
    private Classification classifyReferences(Node item, List<OwnerReference> refs)
            throws RestMapper.RestMappingException, NamespacedOwnerOfClusterScopedObject {
        List<OwnerReference> solid = new ArrayList<>();
        List<OwnerReference> dangling = new ArrayList<>();
        List<OwnerReference> waiting = new ArrayList<>();
        for (OwnerReference ref : refs) {
            Optional<ObjectMeta> owner = liveOwner(ref, item);
            if (owner.isEmpty()) {
                dangling.add(ref);
            } else if (OwnerReferences.beingDeleted(owner.get())
                    && OwnerReferences.hasFinalizer(owner.get(), FINALIZER_DELETE_DEPENDENTS)) {
                waiting.add(ref);
            } else {
                solid.add(ref);
            }
        }
        return new Classification(solid, dangling, waiting);
    }

    /**
     * Upstream {@code isDangling}: the owner as the apiserver has it, or empty when it does not exist (not found, or
     * another object with that name); absences are remembered in the absent-owner cache.
     */
    private Optional<ObjectMeta> liveOwner(OwnerReference ref, Node item)
            throws RestMapper.RestMappingException, NamespacedOwnerOfClusterScopedObject {
        ObjectIdentity key = ObjectIdentity.ofOwner(ref, "");
        if (absentOwnerCache.has(key)) {
            log.trace("according to the absentOwnerCache, item {}'s owner {} does not exist", item.identity(), key);
            return Optional.empty();
        }
        key = key.withNamespace(item.identity().namespace());
        if (absentOwnerCache.has(key)) {
            log.trace("according to the absentOwnerCache, item {}'s owner {} does not exist in namespace", item.identity(), key);
            return Optional.empty();
        }
        ResourceInfo resource = mapper.map(ref.getApiVersion(), ref.getKind());
        if (!resource.namespaced()) {
            key = key.withNamespace("");
        }
        if (item.identity().namespace().isEmpty() && resource.namespaced()) {
            log.debug("item {} is cluster-scoped, but refers to a namespaced owner {}", item.identity(), key);
            throw new NamespacedOwnerOfClusterScopedObject();
        }
        ObjectMeta owner;
        try {
            owner = client.get(resource, resource.namespaced() ? item.identity().namespace() : "", ref.getName());
        } catch (RuntimeException e) {
            if (ClientErrors.isNotFound(e)) {
                absentOwnerCache.add(key);
                log.trace("item {}'s owner {} is not found", item.identity(), key);
                return Optional.empty();
            }
            throw e;
        }
        if (!Objects.equals(owner.getUid(), ref.getUid())) {
            log.trace("item {}'s owner {} is not found, UID mismatch", item.identity(), key);
            absentOwnerCache.add(key);
            return Optional.empty();
        }
        return Optional.of(owner);
    }

    /** Upstream {@code processDeletingDependentsItem}: finish a foreground deletion, or push its blockers along. */
    private void processDeletingDependentsItem(Node item) throws RestMapper.RestMappingException {
        List<Node> blocking = item.blockingDependents();
        if (blocking.isEmpty()) {
            log.debug("remove DeleteDependents finalizer for item {}", item.identity());
            removeFinalizer(item, FINALIZER_DELETE_DEPENDENTS);
            return;
        }
        for (Node dep : blocking) {
            if (!dep.isDeletingDependents()) {
                log.debug("adding dependent {} to attemptToDelete, because its owner {} is deletingDependents",
                        dep.identity(), item.identity());
                attemptToDelete.add(dep);
            }
        }
    }

    // ------------------------------------------------------------------ attemptToOrphan

    /** Upstream {@code attemptToOrphanWorker}. */
    Action attemptToOrphanWorker(Node owner) {
        List<Node> dependents = owner.getDependents();
        try {
            orphanDependents(owner.identity(), dependents);
        } catch (RuntimeException e) {
            log.error("orphanDependents for {} failed with {}", owner.identity(), e.getMessage());
            return Action.REQUEUE;
        }
        try {
            removeFinalizer(owner, FINALIZER_ORPHAN);
        } catch (Exception e) {
            log.error("removeOrphanFinalizer for {} failed with {}", owner.identity(), ClientErrors.message(e));
            return Action.REQUEUE;
        }
        return Action.FORGET;
    }

    /** Upstream {@code orphanDependents}: removes the reference to {@code owner} from every dependent. */
    private void orphanDependents(ObjectIdentity owner, List<Node> dependents) {
        List<String> errors = new ArrayList<>();
        for (Node dep : dependents) {
            // the dependent's uid in the patch is its precondition
            try {
                patch(dep, Patches.deleteOwnerRefStrategicMerge(dep.identity().uid(), List.of(owner.uid())),
                        current -> Patches.deleteOwnerRefJsonMerge(current, List.of(owner.uid())));
            } catch (RestMapper.RestMappingException e) {
                errors.add("orphaning " + dep.identity() + " failed, " + e.getMessage());
            } catch (RuntimeException e) {
                // a reference already gone is no error for a strategic merge patch; a gone dependent is none either
                if (!ClientErrors.isNotFound(e)) {
                    errors.add("orphaning " + dep.identity() + " failed, " + ClientErrors.message(e));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("failed to orphan dependents of owner " + owner + ", got errors: "
                    + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]"));
        }
        log.trace("successfully updated all dependents of owner {}", owner);
    }

    // ------------------------------------------------------------------ API operations (operations.go, patch.go)

    private ObjectMeta getObject(ObjectIdentity item) throws RestMapper.RestMappingException, NamespacedOwnerOfClusterScopedObject {
        ResourceInfo resource = mapper.map(item.apiVersion(), item.kind());
        if (resource.namespaced() && item.namespace().isEmpty()) {
            throw new NamespacedOwnerOfClusterScopedObject();
        }
        return client.get(resource, resource.namespaced() ? item.namespace() : "", item.name());
    }

    private void deleteObject(ObjectIdentity item, String policy) throws RestMapper.RestMappingException {
        ResourceInfo resource = mapper.map(item.apiVersion(), item.kind());
        client.delete(resource, resource.namespaced() ? item.namespace() : "", item.name(), item.uid(), policy);
    }

    /** A JSON merge patch computed from the object's current metadata. */
    @FunctionalInterface
    private interface MergePatchFn {
        String build(ObjectMeta current);
    }

    /** Upstream {@code patch}: strategic merge patch, JSON merge patch when the server does not take it (415). */
    private ObjectMeta patch(Node item, String smp, MergePatchFn jmp) throws RestMapper.RestMappingException {
        ObjectIdentity id = item.identity();
        ResourceInfo resource = mapper.map(id.apiVersion(), id.kind());
        String ns = resource.namespaced() ? id.namespace() : "";
        try {
            return client.patch(resource, ns, id.name(), MetadataClient.STRATEGIC_MERGE_PATCH, smp);
        } catch (RuntimeException e) {
            if (ClientErrors.code(e) != 415) {
                throw e;
            }
        }
        ObjectMeta current = client.get(resource, ns, id.name());
        return client.patch(resource, ns, id.name(), MetadataClient.MERGE_PATCH, jmp.build(current));
    }

    /**
     * Upstream {@code removeFinalizer}: read, drop {@code finalizer}, write pinned to the read resourceVersion;
     * retried on conflicts as client-go's RetryOnConflict with DefaultBackoff. A gone owner needs nothing.
     */
    void removeFinalizer(Node owner, String finalizer) throws RestMapper.RestMappingException {
        ResourceInfo resource = mapper.map(owner.identity().apiVersion(), owner.identity().kind());
        String ns = resource.namespaced() ? owner.identity().namespace() : "";
        for (int attempt = 0; ; attempt++) {
            try {
                ObjectMeta current;
                try {
                    current = client.get(resource, ns, owner.identity().name());
                } catch (RuntimeException e) {
                    if (ClientErrors.isNotFound(e)) {
                        return;
                    }
                    throw new IllegalStateException("cannot finalize owner " + owner.identity() + ", because cannot get it: "
                            + ClientErrors.message(e) + ". The garbage collector will retry later", e);
                }
                List<String> finalizers = current.getFinalizers() == null ? List.of() : current.getFinalizers();
                if (!finalizers.contains(finalizer)) {
                    log.trace("finalizer {} already removed from object {}", finalizer, owner.identity());
                    return;
                }
                List<String> next = finalizers.stream().filter(f -> !f.equals(finalizer)).toList();
                client.patch(resource, ns, owner.identity().name(), MetadataClient.MERGE_PATCH,
                        Patches.finalizers(current.getResourceVersion(), next));
                return;
            } catch (RuntimeException e) {
                if (!ClientErrors.isConflict(e)) {
                    throw e;
                }
                if (attempt + 1 >= UPDATE_MAX_RETRIES) {
                    throw new IllegalStateException("updateMaxRetries(" + UPDATE_MAX_RETRIES
                            + ") has reached. The garbage collector will retry later for owner " + owner.identity(), e);
                }
                sleep(RETRY_SLEEP_MS[Math.min(attempt, RETRY_SLEEP_MS.length - 1)]);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> uids(List<OwnerReference> refs) {
        return refs.stream().map(OwnerReference::getUid).toList();
    }
}
