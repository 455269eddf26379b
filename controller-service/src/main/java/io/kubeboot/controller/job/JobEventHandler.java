package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.controller.util.Times;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Upstream {@code addJob/updateJob/deleteJob}: adds, spec changes (new generation) and deletes sync at once, status
 * updates after the batch period; a finished or deleted Job's pods get their finalizers cleaned up; a changed
 * activeDeadlineSeconds of a started Job queues a sync for the new deadline.
 */
final class JobEventHandler implements ResourceEventHandler<Job> {
    private final RateLimitingQueue<ObjectKey> queue;
    private final Clock clock;
    private final Duration batchPeriod;
    private final Consumer<Job> cleanupPodFinalizers;

    JobEventHandler(RateLimitingQueue<ObjectKey> queue, Clock clock, Duration batchPeriod, Consumer<Job> cleanupPodFinalizers) {
        this.queue = queue;
        this.clock = clock;
        this.batchPeriod = batchPeriod;
        this.cleanupPodFinalizers = cleanupPodFinalizers;
    }

    @Override
    public void onAdd(Job job) {
        queue.add(ObjectKey.of(job));
    }

    @Override
    public void onUpdate(Job oldJob, Job curJob) {
        ObjectKey key = ObjectKey.of(curJob);
        if (oldJob != null && Objects.equals(oldJob.getMetadata().getGeneration(), curJob.getMetadata().getGeneration())) {
            queue.addAfter(key, batchPeriod);
        } else {
            queue.add(key);
        }
        if (JobConditions.isFinished(curJob)) {
            cleanupPodFinalizers.accept(curJob);
        }
        if (curJob.getStatus() != null && curJob.getStatus().getStartTime() != null) {
            Long cur = curJob.getSpec().getActiveDeadlineSeconds();
            Long old = oldJob == null ? null : oldJob.getSpec().getActiveDeadlineSeconds();
            if (cur != null && !cur.equals(old)) {
                Instant start = Times.parse(curJob.getStatus().getStartTime()).orElse(clock.instant());
                Duration left = Duration.ofSeconds(cur).minus(Duration.between(start, clock.instant()));
                queue.addAfter(key, left.isNegative() ? Duration.ZERO : left);
            }
        }
    }

    @Override
    public void onDelete(Job job, boolean deletedFinalStateUnknown) {
        if (job == null) {
            return;
        }
        queue.add(ObjectKey.of(job));
        cleanupPodFinalizers.accept(job);
    }
}
