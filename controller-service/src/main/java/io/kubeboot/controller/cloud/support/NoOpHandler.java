package io.kubeboot.controller.cloud.support;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * A handler that ignores every event: registered by controllers that act on timers or on another informer's
 * events, so that their {@code start()} still waits for this informer's cache to sync.
 */
public final class NoOpHandler<T> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T obj) {
        // nothing: see the class comment
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        // nothing: see the class comment
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        // nothing: see the class comment
    }
}
