package io.kubeboot.controller.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.controller.util.UidTrackingExpectations;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Upstream {@code addPod/updatePod/deletePod} of the ReplicaSet controller: pod events wake the owning ReplicaSet
 * and are counted against its expectations; orphans wake every ReplicaSet whose selector matches (adoption).
 *
 * <ul>
 *   <li>add with a controller ref: creation observed, owner queued; a pod already being deleted counts as a
 *   deletion instead;</li>
 *   <li>update: resyncs (same resourceVersion) ignored; deletionTimestamp set counts as the deletion (graceful
 *   deletes are observed early); a changed controller ref wakes the old owner too; becoming ready with
 *   minReadySeconds queues the owner again after minReadySeconds + 1s;</li>
 *   <li>delete: deletion observed for its owner, owner queued.</li>
 * </ul>
 */
final class PodEventHandler implements ResourceEventHandler<Pod> {
    private final RateLimitingQueue<ObjectKey> queue;
    private final UidTrackingExpectations expectations;
    private final BiFunction<String, OwnerReference, ReplicaSet> resolve;
    private final Function<Pod, List<ReplicaSet>> matching;

    PodEventHandler(RateLimitingQueue<ObjectKey> queue, UidTrackingExpectations expectations,
                    BiFunction<String, OwnerReference, ReplicaSet> resolve, Function<Pod, List<ReplicaSet>> matching) {
        this.queue = queue;
        this.expectations = expectations;
        this.resolve = resolve;
        this.matching = matching;
    }

    @Override
    public void onAdd(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            // after a restart a pod may show up already being deleted: not a creation
            onDelete(pod, false);
            return;
        }
        OwnerReference ref = PodControllerRefManager.controllerOf(pod);
        if (ref != null) {
            ReplicaSet rs = resolve.apply(pod.getMetadata().getNamespace(), ref);
            if (rs == null) {
                return;
            }
            ObjectKey key = ObjectKey.of(rs);
            expectations.creationObserved(key.toString());
            queue.add(key);
            return;
        }
        // an orphan: let every matching ReplicaSet consider adopting it; no controller waits for its creation
        for (ReplicaSet rs : matching.apply(pod)) {
            queue.add(ObjectKey.of(rs));
        }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod curPod) {
        if (oldPod == null) {
            onAdd(curPod);
            return;
        }
        if (Objects.equals(curPod.getMetadata().getResourceVersion(), oldPod.getMetadata().getResourceVersion())) {
            return;
        }
        boolean labelChanged = !Objects.equals(curPod.getMetadata().getLabels(), oldPod.getMetadata().getLabels());
        if (curPod.getMetadata().getDeletionTimestamp() != null) {
            onDelete(curPod, false);
            if (labelChanged) {
                onDelete(oldPod, false);
            }
            return;
        }
        OwnerReference curRef = PodControllerRefManager.controllerOf(curPod);
        OwnerReference oldRef = PodControllerRefManager.controllerOf(oldPod);
        boolean refChanged = !Objects.equals(curRef, oldRef);
        if (refChanged && oldRef != null) {
            ReplicaSet old = resolve.apply(oldPod.getMetadata().getNamespace(), oldRef);
            if (old != null) {
                queue.add(ObjectKey.of(old));
            }
        }
        if (curRef != null) {
            ReplicaSet rs = resolve.apply(curPod.getMetadata().getNamespace(), curRef);
            if (rs == null) {
                return;
            }
            queue.add(ObjectKey.of(rs));
            int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
            if (!PodConditions.isPodReady(oldPod) && PodConditions.isPodReady(curPod) && minReady > 0) {
                // a second more avoids millisecond skew (upstream #39785)
                queue.addAfter(ObjectKey.of(rs), Duration.ofSeconds(minReady + 1L));
            }
            return;
        }
        if (labelChanged || refChanged) {
            for (ReplicaSet rs : matching.apply(curPod)) {
                queue.add(ObjectKey.of(rs));
            }
        }
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        if (pod == null) {
            return;
        }
        OwnerReference ref = PodControllerRefManager.controllerOf(pod);
        if (ref == null) {
            return;
        }
        ReplicaSet rs = resolve.apply(pod.getMetadata().getNamespace(), ref);
        if (rs == null) {
            return;
        }
        ObjectKey key = ObjectKey.of(rs);
        expectations.deletionObserved(key.toString(), ReplicaSetController.podKey(pod));
        queue.add(key);
    }
}
