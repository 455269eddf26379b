package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One object in the dependency graph (upstream {@code node}): its identity, the owner references it was last seen
 * with, the nodes that name it as owner, and its deletion state.
 *
 * <p>Only the single graph-builder thread changes the graph; attempt-to-delete/orphan workers read nodes concurrently,
 * so every field is read and written under this node's lock or is volatile, as upstream's per-field locks. Nodes are
 * queue items compared by identity (as upstream's {@code *node} pointers): a clone is a different item.
 */
final class Node {
    private final ObjectIdentity identity;
    private final Set<Node> dependents = new LinkedHashSet<>();
    private volatile List<OwnerReference> owners;
    private volatile boolean deletingDependents;
    private volatile boolean beingDeleted;
    private volatile boolean virtual;

    Node(ObjectIdentity identity, List<OwnerReference> owners, boolean virtual, boolean beingDeleted, boolean deletingDependents) {
        this.identity = identity;
        this.owners = owners == null ? List.of() : List.copyOf(owners);
        this.virtual = virtual;
        this.beingDeleted = beingDeleted;
        this.deletingDependents = deletingDependents;
    }

    /** A node for an owner only known from a dependent's ownerReference. */
    static Node virtualOwner(ObjectIdentity identity) {
        return new Node(identity, List.of(), true, false, false);
    }

    ObjectIdentity identity() {
        return identity;
    }

    /** A copy with another identity (same owners, dependents and state); only the graph builder calls it. */
    Node cloneWithIdentity(ObjectIdentity newIdentity) {
        Node c = new Node(newIdentity, owners, virtual, beingDeleted, deletingDependents);
        synchronized (this) {
            c.dependents.addAll(dependents);
        }
        return c;
    }

    List<OwnerReference> owners() {
        return owners;
    }

    void setOwners(List<OwnerReference> newOwners) {
        owners = newOwners == null ? List.of() : List.copyOf(newOwners);
    }

    /** Being deleted is a one-way trip: there is no way back to false. */
    void markBeingDeleted() {
        beingDeleted = true;
    }

    boolean isBeingDeleted() {
        return beingDeleted;
    }

    void markObserved() {
        virtual = false;
    }

    boolean isObserved() {
        return !virtual;
    }

    boolean isVirtual() {
        return virtual;
    }

    void markDeletingDependents() {
        deletingDependents = true;
    }

    boolean isDeletingDependents() {
        return deletingDependents;
    }

    synchronized void addDependent(Node dependent) {
        dependents.add(dependent);
    }

    synchronized void deleteDependent(Node dependent) {
        dependents.remove(dependent);
    }

    synchronized void replaceDependentIfItExists(Node from, Node to) {
        if (dependents.remove(from)) {
            dependents.add(to);
        }
    }

    synchronized int dependentsLength() {
        return dependents.size();
    }

    /** A snapshot; dependents may be added or removed the moment it returns. */
    synchronized List<Node> getDependents() {
        return Collections.unmodifiableList(new ArrayList<>(dependents));
    }

    /**
     * Upstream {@code blockingDependents}: the dependents whose ownerReference to this node has
     * {@code blockOwnerDeletion: true}, i.e. those a foreground deletion of this node waits for.
     */
    List<Node> blockingDependents() {
        List<Node> out = new ArrayList<>();
        for (Node dep : getDependents()) {
            for (OwnerReference ref : dep.owners()) {
                if (identity.uid().equals(ref.getUid()) && Boolean.TRUE.equals(ref.getBlockOwnerDeletion())) {
                    out.add(dep);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return identity + (virtual ? " (virtual)" : "");
    }
}
