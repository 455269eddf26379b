package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

/**
 * Upstream's monitor handlers ({@code controllerFor}): every add, update and delete of the monitored type becomes a
 * {@link GraphEvent} on the graph-changes queue, with the monitored apiVersion/kind. Only enqueues; the cached
 * objects' metadata is read later by the single graph-builder thread and never mutated.
 */
final class MonitorHandler implements ResourceEventHandler<HasMetadata> {
    private final RateLimitingQueue<GraphEvent> graphChanges;
    private final String apiVersion;
    private final String kind;

    MonitorHandler(RateLimitingQueue<GraphEvent> graphChanges, String apiVersion, String kind) {
        this.graphChanges = graphChanges;
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    @Override
    public void onAdd(HasMetadata obj) {
        graphChanges.add(GraphEvent.add(apiVersion, kind, obj.getMetadata()));
    }

    @Override
    public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
        graphChanges.add(GraphEvent.update(apiVersion, kind, oldObj == null ? null : oldObj.getMetadata(), newObj.getMetadata()));
    }

    @Override
    public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
        if (obj == null) {
            return;
        }
        graphChanges.add(GraphEvent.delete(apiVersion, kind, obj.getMetadata()));
    }
}
