package io.kubeboot.controller.util;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upstream {@code controller.ControllerExpectations}: per controller key, how many creations and deletions of
 * its controllees it still expects to observe through its informer before it may sync again. This keeps a
 * controller from creating (or deleting) twice while the informer lags behind its own writes.
 *
 * <p>Semantics, as upstream: a key without expectations, with fulfilled expectations (both counts &lt;= 0) or with
 * expectations older than {@link #EXPECTATIONS_TIMEOUT} is satisfied. Setting expectations replaces the old ones
 * and restarts the timeout; observations lower the counts (they may go negative). Thread safe.
 */
public class ControllerExpectations {
    /** Upstream's ExpectationsTimeout: after this, a controller syncs even if some watch events never arrived. */
    public static final Duration EXPECTATIONS_TIMEOUT = Duration.ofMinutes(5);

    private final Clock clock;
    private final ConcurrentMap<String, Expectee> store = new ConcurrentHashMap<>();

    public ControllerExpectations(Clock clock) {
        this.clock = clock;
    }

    /** The add and del counts still expected for {@code key}, if it has expectations. */
    public record Counts(long add, long del) {
    }

    private static final class Expectee {
        final AtomicLong add;
        final AtomicLong del;
        final Instant timestamp;

        Expectee(long add, long del, Instant timestamp) {
            this.add = new AtomicLong(add);
            this.del = new AtomicLong(del);
            this.timestamp = timestamp;
        }

        boolean fulfilled() {
            return add.get() <= 0 && del.get() <= 0;
        }
    }

    public Optional<Counts> getExpectations(String key) {
        Expectee e = store.get(key);
        return e == null ? Optional.empty() : Optional.of(new Counts(e.add.get(), e.del.get()));
    }

    /** Whether the controller of {@code key} may sync: no expectations, fulfilled ones, or expired ones. */
    public boolean satisfiedExpectations(String key) {
        Expectee e = store.get(key);
        if (e == null) {
            return true;
        }
        return e.fulfilled() || Duration.between(e.timestamp, clock.instant()).compareTo(EXPECTATIONS_TIMEOUT) > 0;
    }

    public void deleteExpectations(String key) {
        store.remove(key);
    }

    /** Replaces the expectations of {@code key}; restarts its timeout. */
    public void setExpectations(String key, long add, long del) {
        store.put(key, new Expectee(add, del, clock.instant()));
    }

    public void expectCreations(String key, long adds) {
        setExpectations(key, adds, 0);
    }

    public void expectDeletions(String key, long dels) {
        setExpectations(key, 0, dels);
    }

    /** Lowers the counts of existing expectations; no-op when {@code key} has none. */
    public void lowerExpectations(String key, long add, long del) {
        Expectee e = store.get(key);
        if (e != null) {
            e.add.addAndGet(-add);
            e.del.addAndGet(-del);
        }
    }

    /** Raises the counts of existing expectations; no-op when {@code key} has none. */
    public void raiseExpectations(String key, long add, long del) {
        Expectee e = store.get(key);
        if (e != null) {
            e.add.addAndGet(add);
            e.del.addAndGet(del);
        }
    }

    public void creationObserved(String key) {
        lowerExpectations(key, 1, 0);
    }

    public void deletionObserved(String key) {
        lowerExpectations(key, 0, 1);
    }
}
