package io.kubeboot.controller.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Upstream's CronJob handlers: add and delete queue the key; an update that changes the schedule or time zone queues
 * it for the new schedule's next activation (nothing when it does not parse), any other update queues it now.
 */
final class CronJobEventHandler implements ResourceEventHandler<CronJob> {
    private final RateLimitingQueue<ObjectKey> queue;
    private final Function<CronJob, Duration> nextActivation;

    CronJobEventHandler(RateLimitingQueue<ObjectKey> queue, Function<CronJob, Duration> nextActivation) {
        this.queue = queue;
        this.nextActivation = nextActivation;
    }

    @Override
    public void onAdd(CronJob cj) {
        queue.add(ObjectKey.of(cj));
    }

    @Override
    public void onUpdate(CronJob oldCj, CronJob newCj) {
        if (oldCj != null && (!Objects.equals(oldCj.getSpec().getSchedule(), newCj.getSpec().getSchedule())
                || !Objects.equals(oldCj.getSpec().getTimeZone(), newCj.getSpec().getTimeZone()))) {
            Duration d = nextActivation.apply(newCj);
            if (d != null) {
                queue.addAfter(ObjectKey.of(newCj), d.isNegative() ? Duration.ZERO : d);
            }
            return;
        }
        queue.add(ObjectKey.of(newCj));
    }

    @Override
    public void onDelete(CronJob cj, boolean deletedFinalStateUnknown) {
        if (cj != null) {
            queue.add(ObjectKey.of(cj));
        }
    }
}
