package io.kubeboot.node.kubelet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * client-go's {@code flowcontrol.Backoff} without jitter, as the kubelet uses it for container restarts
 * (CrashLoopBackOff) and image pulls (ImagePullBackOff): per key, the delay starts at {@code initial} and doubles
 * on every {@link #next} up to {@code max}; an entry whose last update is older than twice {@code max} counts as
 * expired and starts over (so a container that ran for 10 minutes with max 5 minutes is back at 10 s).
 *
 * <p>Thread safe.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        Duration backoff;
        Instant lastUpdate;
    }

    public Backoff(Duration initial, Duration max, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    /** The kubelet's container and image back-off: 10 s doubling to 300 s. */
    public static Backoff kubeletDefault(Clock clock) {
        return new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300), clock);
    }

    /** The current delay of {@code id}, zero when it has none. */
    public synchronized Duration get(String id) {
        Entry e = entries.get(id);
        return e == null ? Duration.ZERO : e.backoff;
    }

    /** Moves {@code id} to its next delay (or back to the initial one when its entry expired at {@code eventTime}). */
    public synchronized void next(String id, Instant eventTime) {
        Entry e = entries.get(id);
        if (e == null || hasExpired(eventTime, e.lastUpdate)) {
            e = new Entry();
            e.backoff = initial;
            entries.put(id, e);
        } else {
            Duration doubled = e.backoff.multipliedBy(2);
            e.backoff = doubled.compareTo(max) > 0 ? max : doubled;
        }
        e.lastUpdate = clock.instant();
    }

    /** Whether less than the current delay has passed since {@code eventTime} (e.g. the container's exit). */
    public synchronized boolean isInBackOffSince(String id, Instant eventTime) {
        Entry e = entries.get(id);
        if (e == null || hasExpired(eventTime, e.lastUpdate)) {
            return false;
        }
        return Duration.between(eventTime, clock.instant()).compareTo(e.backoff) < 0;
    }

    /** Whether less than the current delay has passed between the last {@link #next} and {@code eventTime}. */
    public synchronized boolean isInBackOffSinceUpdate(String id, Instant eventTime) {
        Entry e = entries.get(id);
        if (e == null || hasExpired(eventTime, e.lastUpdate)) {
            return false;
        }
        return Duration.between(e.lastUpdate, eventTime).compareTo(e.backoff) < 0;
    }

    public synchronized void reset(String id) {
        entries.remove(id);
    }

    /** Drops the entries whose key starts with {@code prefix} (a pod's keys when it is gone). */
    public synchronized void resetPrefix(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Forgets entries not updated for twice the maximum delay. */
    public synchronized void gc() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> hasExpired(now, e.lastUpdate));
    }

    private boolean hasExpired(Instant eventTime, Instant lastUpdate) {
        return Duration.between(lastUpdate, eventTime).compareTo(max.multipliedBy(2)) > 0;
    }
}
