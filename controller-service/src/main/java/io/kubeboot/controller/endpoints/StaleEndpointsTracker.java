package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream {@code staleEndpointsTracker}: remembers the resourceVersion an Endpoints object had before this controller
 * updated it, so a sync that still finds that version in the informer cache knows the cache lags behind its own write
 * (and retries later) instead of overwriting newer state.
 */
final class StaleEndpointsTracker {
    private final Map<String, String> staleResourceVersion = new ConcurrentHashMap<>();

    void stale(Endpoints ep) {
        staleResourceVersion.put(key(ep.getMetadata().getNamespace(), ep.getMetadata().getName()), ep.getMetadata().getResourceVersion());
    }

    boolean isStale(Endpoints ep) {
        String rv = staleResourceVersion.get(key(ep.getMetadata().getNamespace(), ep.getMetadata().getName()));
        return rv != null && Objects.equals(rv, ep.getMetadata().getResourceVersion());
    }

    void delete(String namespace, String name) {
        staleResourceVersion.remove(key(namespace, name));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
