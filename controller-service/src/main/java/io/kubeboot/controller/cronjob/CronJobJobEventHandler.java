package io.kubeboot.controller.cronjob;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.controller.util.PodControllerRefManager;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Upstream {@code addJob/updateJob/deleteJob}: a Job event wakes the CronJob its controller reference names (both the
 * old and the new one when the reference changed); resyncs (same resourceVersion) and orphans are ignored.
 */
final class CronJobJobEventHandler implements ResourceEventHandler<Job> {
    private final RateLimitingQueue<ObjectKey> queue;
    private final BiFunction<String, OwnerReference, CronJob> resolve;

    CronJobJobEventHandler(RateLimitingQueue<ObjectKey> queue, BiFunction<String, OwnerReference, CronJob> resolve) {
        this.queue = queue;
        this.resolve = resolve;
    }

    @Override
    public void onAdd(Job job) {
        enqueueOwner(job);
    }

    @Override
    public void onUpdate(Job oldJob, Job curJob) {
        if (oldJob == null) {
            enqueueOwner(curJob);
            return;
        }
        if (Objects.equals(oldJob.getMetadata().getResourceVersion(), curJob.getMetadata().getResourceVersion())) {
            return;
        }
        OwnerReference oldRef = PodControllerRefManager.controllerOf(oldJob);
        OwnerReference curRef = PodControllerRefManager.controllerOf(curJob);
        if (!Objects.equals(oldRef, curRef) && oldRef != null) {
            enqueueOwner(oldJob);
        }
        enqueueOwner(curJob);
    }

    @Override
    public void onDelete(Job job, boolean deletedFinalStateUnknown) {
        if (job != null) {
            enqueueOwner(job);
        }
    }

    private void enqueueOwner(Job job) {
        OwnerReference ref = PodControllerRefManager.controllerOf(job);
        if (ref == null) {
            return;
        }
        CronJob cj = resolve.apply(job.getMetadata().getNamespace(), ref);
        if (cj != null) {
            queue.add(ObjectKey.of(cj));
        }
    }
}
