package io.kubeboot.controller.replicaset;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.controller.util.ControllerExpectations;
import io.kubeboot.runtime.controller.ObjectKey;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.util.Objects;

/**
 * Upstream {@code addRS/updateRS/deleteRS}: every ReplicaSet event queues its key (also status-only updates, so a
 * resync retries stalled creates); a deletion, or a re-creation under the same name (uid changed), drops the
 * old expectations so the new object starts clean.
 */
final class ReplicaSetEventHandler implements ResourceEventHandler<ReplicaSet> {
    private final RateLimitingQueue<ObjectKey> queue;
    private final ControllerExpectations expectations;

    ReplicaSetEventHandler(RateLimitingQueue<ObjectKey> queue, ControllerExpectations expectations) {
        this.queue = queue;
        this.expectations = expectations;
    }

    @Override
    public void onAdd(ReplicaSet rs) {
        queue.add(ObjectKey.of(rs));
    }

    @Override
    public void onUpdate(ReplicaSet oldRs, ReplicaSet curRs) {
        if (oldRs != null && !Objects.equals(oldRs.getMetadata().getUid(), curRs.getMetadata().getUid())) {
            onDelete(oldRs, true);
        }
        queue.add(ObjectKey.of(curRs));
    }

    @Override
    public void onDelete(ReplicaSet rs, boolean deletedFinalStateUnknown) {
        if (rs == null) {
            return;
        }
        ObjectKey key = ObjectKey.of(rs);
        expectations.deleteExpectations(key.toString());
        queue.add(key);
    }
}
