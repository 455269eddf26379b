package io.kubeboot.runtime.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded map evicting the least recently used entry (groupcache/lru as upstream uses). Not thread safe. */
final class LruCache<K, V> extends LinkedHashMap<K, V> {
    private final int maxEntries;

    LruCache(int maxEntries) {
        super(16, 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
