package io.kubeboot.controller.garbagecollector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upstream {@code ReferenceCache}: a bounded LRU set of owner identities the apiserver said do not exist, so that many
 * dependents of one deleted owner cost one GET. Shared by the graph builder and the workers; thread safe.
 */
final class ReferenceCache {
    private final Map<ObjectIdentity, Boolean> cache;

    ReferenceCache(int maxEntries) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectIdentity, Boolean> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized void add(ObjectIdentity ref) {
        cache.put(ref, Boolean.TRUE);
    }

    /** Whether {@code ref} is cached; a hit counts as a use. */
    synchronized boolean has(ObjectIdentity ref) {
        return cache.get(ref) != null;
    }

    synchronized int size() {
        return cache.size();
    }
}
