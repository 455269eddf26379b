package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.controller.util.ControllerExpectations;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Upstream {@code addPod/updatePod/deletePod} of the Job controller: pod events wake the owning Job after the batch
 * period and count against its creation/deletion expectations and its finalizer-removal expectations; orphans with
 * the tracking finalizer go to the orphan queue, matching orphans wake the Jobs that could adopt them.
 */
final class JobPodEventHandler implements ResourceEventHandler<Pod> {
    /** What the handler needs from the controller. */
    record Callbacks(BiFunction<String, OwnerReference, Job> resolve, Function<Pod, List<Job>> podJobs,
                     ControllerExpectations expectations, FinalizerExpectations finalizerExpectations,
                     Consumer<ObjectKey> enqueueOrphan, Duration batchPeriod) {
    }

    private final RateLimitingQueue<ObjectKey> queue;
    private final Callbacks cb;

    JobPodEventHandler(RateLimitingQueue<ObjectKey> queue, Callbacks cb) {
        this.queue = queue;
        this.cb = cb;
    }

    private void enqueueBatched(Job job) {
        queue.addAfter(ObjectKey.of(job), cb.batchPeriod());
    }

    @Override
    public void onAdd(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            // after a restart a pod may show up already being deleted: not a creation
            deletePod(pod, false);
            return;
        }
        OwnerReference ref = PodControllerRefManager.controllerOf(pod);
        if (ref != null) {
            Job job = cb.resolve().apply(pod.getMetadata().getNamespace(), ref);
            if (job == null) {
                return;
            }
            cb.expectations().creationObserved(ObjectKey.of(job).toString());
            enqueueBatched(job);
            return;
        }
        if (JobPods.hasTrackingFinalizer(pod)) {
            cb.enqueueOrphan().accept(ObjectKey.of(pod));
        }
        for (Job job : cb.podJobs().apply(pod)) {
            enqueueBatched(job);
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
        if (curPod.getMetadata().getDeletionTimestamp() != null) {
            // a graceful deletion: count it now, the replacement need not wait for the kubelet
            deletePod(curPod, false);
            return;
        }
        boolean finalizerRemoved = !JobPods.hasTrackingFinalizer(curPod);
        OwnerReference curRef = PodControllerRefManager.controllerOf(curPod);
        OwnerReference oldRef = PodControllerRefManager.controllerOf(oldPod);
        boolean refChanged = !Objects.equals(curRef, oldRef);
        if (refChanged && oldRef != null) {
            Job old = cb.resolve().apply(oldPod.getMetadata().getNamespace(), oldRef);
            if (old != null) {
                if (finalizerRemoved) {
                    cb.finalizerExpectations().finalizerRemovalObserved(ObjectKey.of(old).toString(), curPod.getMetadata().getUid());
                }
                enqueueBatched(old);
            }
        }
        if (curRef != null) {
            Job job = cb.resolve().apply(curPod.getMetadata().getNamespace(), curRef);
            if (job == null) {
                return;
            }
            if (finalizerRemoved) {
                cb.finalizerExpectations().finalizerRemovalObserved(ObjectKey.of(job).toString(), curPod.getMetadata().getUid());
            }
            enqueueBatched(job);
            return;
        }
        if (JobPods.hasTrackingFinalizer(curPod)) {
            cb.enqueueOrphan().accept(ObjectKey.of(curPod));
        }
        boolean labelChanged = !Objects.equals(curPod.getMetadata().getLabels(), oldPod.getMetadata().getLabels());
        if (labelChanged || refChanged) {
            for (Job job : cb.podJobs().apply(curPod)) {
                enqueueBatched(job);
            }
        }
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        if (pod != null) {
            deletePod(pod, true);
        }
    }

    private void deletePod(Pod pod, boolean isFinal) {
        OwnerReference ref = PodControllerRefManager.controllerOf(pod);
        boolean hasFinalizer = JobPods.hasTrackingFinalizer(pod);
        if (ref == null) {
            if (hasFinalizer) {
                cb.enqueueOrphan().accept(ObjectKey.of(pod));
            }
            return;
        }
        Job job = cb.resolve().apply(pod.getMetadata().getNamespace(), ref);
        if (job == null || JobConditions.isFinished(job)) {
            if (hasFinalizer) {
                cb.enqueueOrphan().accept(ObjectKey.of(pod));
            }
            return;
        }
        String key = ObjectKey.of(job).toString();
        cb.expectations().deletionObserved(key);
        if (isFinal || !hasFinalizer) {
            cb.finalizerExpectations().finalizerRemovalObserved(key, pod.getMetadata().getUid());
        }
        enqueueBatched(job);
    }
}
