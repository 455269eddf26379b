package io.kubeboot.controller.daemonset;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * client-go's {@code flowcontrol.Backoff} as the DaemonSet controller uses it for failed pods (1s doubling to 15
 * minutes, per DaemonSet and node): a failed pod is deleted at most once per backoff period. Thread safe.
 */
final class FailedPodsBackoff {
    private record Entry(Duration backoff, Instant lastUpdate) {
    }

    private final Duration initial;
    private final Duration max;
    private final Map<String, Entry> entries = new HashMap<>();

    FailedPodsBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The current backoff of {@code key} (zero when none). */
    synchronized Duration get(String key) {
        Entry e = entries.get(key);
        return e == null ? Duration.ZERO : e.backoff();
    }

    /** Whether {@code now} is still within the backoff that started at the last {@link #next}. */
    synchronized boolean isInBackOffSinceUpdate(String key, Instant now) {
        Entry e = entries.get(key);
        return e != null && Duration.between(e.lastUpdate(), now).compareTo(e.backoff()) < 0;
    }

    /** Starts (or doubles, up to max) the backoff; an entry idle for twice max starts over. */
    synchronized void next(String key, Instant now) {
        Entry e = entries.get(key);
        if (e == null || Duration.between(e.lastUpdate(), now).compareTo(max.multipliedBy(2)) > 0) {
            entries.put(key, new Entry(initial, now));
            return;
        }
        Duration d = e.backoff().multipliedBy(2);
        entries.put(key, new Entry(d.compareTo(max) > 0 ? max : d, now));
    }

    /** Drops entries idle for more than twice max (client-go's GC). */
    synchronized void gc(Instant now) {
        entries.values().removeIf(e -> Duration.between(e.lastUpdate(), now).compareTo(max.multipliedBy(2)) > 0);
    }
}
