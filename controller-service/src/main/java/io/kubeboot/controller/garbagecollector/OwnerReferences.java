package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Upstream's helpers over ownerReferences and the GC finalizers. Stateless. */
final class OwnerReferences {
    /** {@code metav1.FinalizerOrphanDependents}. */
    static final String FINALIZER_ORPHAN = "orphan";
    /** {@code metav1.FinalizerDeleteDependents}. */
    static final String FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";

    private OwnerReferences() {
    }

    /** An old and a new version of the ownerReference to one uid. */
    record Changed(OwnerReference oldRef, OwnerReference newRef) {
    }

    /** What changed between two ownerReference lists, matched by uid. */
    record Diff(List<OwnerReference> added, List<OwnerReference> removed, List<Changed> changed) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /** Upstream {@code referencesDiffs}. */
    static Diff diff(List<OwnerReference> oldRefs, List<OwnerReference> newRefs) {
        Map<String, OwnerReference> oldByUid = new LinkedHashMap<>();
        for (OwnerReference r : nz(oldRefs)) {
            oldByUid.put(r.getUid(), r);
        }
        List<OwnerReference> added = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        for (OwnerReference r : nz(newRefs)) {
            OwnerReference old = oldByUid.remove(r.getUid());
            if (old == null) {
                added.add(r);
            } else if (!Objects.equals(old, r)) {
                changed.add(new Changed(old, r));
            }
        }
        return new Diff(added, new ArrayList<>(oldByUid.values()), changed);
    }

    static boolean isBlocking(OwnerReference ref) {
        return Boolean.TRUE.equals(ref.getBlockOwnerDeletion());
    }

    static boolean beingDeleted(ObjectMeta meta) {
        return meta != null && meta.getDeletionTimestamp() != null;
    }

    static boolean hasFinalizer(ObjectMeta meta, String finalizer) {
        return meta != null && meta.getFinalizers() != null && meta.getFinalizers().contains(finalizer);
    }

    /**
     * Upstream {@code deletionStartsWithFinalizer}: {@code meta} is being deleted with {@code finalizer} and
     * {@code oldMeta} (if any) was not.
     */
    static boolean deletionStartsWithFinalizer(ObjectMeta oldMeta, ObjectMeta meta, String finalizer) {
        if (!beingDeleted(meta) || !hasFinalizer(meta, finalizer)) {
            return false;
        }
        return oldMeta == null || !beingDeleted(oldMeta) || !hasFinalizer(oldMeta, finalizer);
    }

    static List<OwnerReference> nz(List<OwnerReference> refs) {
        return refs == null ? List.of() : refs;
    }
}
