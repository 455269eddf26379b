package io.kubeboot.node.kubelet.env;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A read-through cache whose entries expire {@code ttl} after they were loaded (as upstream's TTL-based
 * configMap/secret manager). A failing load is not cached. Thread safe; concurrent misses may load twice.
 */
final class TtlCache<K, V> {
    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    TtlCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    V get(K key, Function<K, V> loader) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.loadedAt().plus(ttl))) {
            return entry.value();
        }
        V value = loader.apply(key);
        entries.put(key, new Entry<>(value, now));
        if (entries.size() > 10_000) {
            entries.entrySet().removeIf(e -> !now.isBefore(e.getValue().loadedAt().plus(ttl)));
        }
        return value;
    }
}
