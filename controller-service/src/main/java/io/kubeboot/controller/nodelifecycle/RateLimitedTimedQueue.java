package io.kubeboot.controller.nodelifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Upstream {@code scheduler.RateLimitedTimedQueue} (one per zone): node names waiting to be NoExecute-tainted,
 * ordered by when they are due, processed no faster than the zone's rate limiter allows.
 *
 * <p>Contract, as upstream: a name is added once; after it has been processed successfully it leaves the queue but
 * stays remembered, so it is not added again until {@link #remove} is called (when the node is healthy again).
 * {@link #tryProcess} takes a token per item it looks at and stops at the first item not yet due or when the
 * limiter refuses. Thread safe.
 */
final class RateLimitedTimedQueue {
    /** Upstream {@code EvictionRateLimiterBurst}. */
    static final int EVICTION_RATE_LIMITER_BURST = 1;

    /** A queued value: the node name, its uid, when it was added and when it is due. */
    record TimedValue(String value, String uid, long addedAtNanos, long processAtNanos) {
    }

    /** What processing an item decided: done, or retry after {@code wait}. */
    record Decision(boolean done, Duration retryAfter) {
        static Decision ok() {
            return new Decision(true, Duration.ZERO);
        }

        static Decision retryAfter(Duration wait) {
            return new Decision(false, wait);
        }
    }

    /** Processes one due item. */
    @FunctionalInterface
    interface Action {
        Decision apply(TimedValue value);
    }

    private final LongSupplier nanoTime;
    private final PriorityQueue<TimedValue> queue =
            new PriorityQueue<>(Comparator.comparingLong(TimedValue::processAtNanos));
    private final Set<String> set = new HashSet<>();
    private final Object limiterLock = new Object();
    private TokenBucket limiter;

    RateLimitedTimedQueue(float qps, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.limiter = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, nanoTime);
    }

    /** Adds the value unless it is queued or remembered; returns whether it was added. */
    synchronized boolean add(String value, String uid) {
        if (set.contains(value)) {
            return false;
        }
        long now = nanoTime.getAsLong();
        queue.add(new TimedValue(value, uid, now, now));
        set.add(value);
        return true;
    }

    /** Forgets the value (queued or remembered) so it can be added again; returns whether it was known. */
    synchronized boolean remove(String value) {
        if (!set.remove(value)) {
            return false;
        }
        queue.removeIf(v -> v.value().equals(value));
        return true;
    }

    /**
     * Processes due items in order while the limiter accepts (upstream {@code Try}). The action runs without the
     * queue's lock (it may call the apiserver), so adds and removes are not held up meanwhile; an item removed while
     * its action ran stays removed.
     */
    void tryProcess(Action action) {
        synchronized (limiterLock) {
            TimedValue head = head().orElse(null);
            while (head != null) {
                if (!limiter.tryAccept()) {
                    break;
                }
                long now = nanoTime.getAsLong();
                if (now - head.processAtNanos() < 0) {
                    break;
                }
                Decision d = action.apply(head);
                if (d.done()) {
                    removeFromQueue(head.value());
                } else {
                    // +1ns as upstream, so a zero wait still moves the item behind items due now
                    replace(new TimedValue(head.value(), head.uid(), head.addedAtNanos(), now + d.retryAfter().toNanos() + 1));
                }
                head = head().orElse(null);
            }
        }
    }

    /** Takes the value out of the queue but keeps it remembered. */
    private synchronized void removeFromQueue(String value) {
        if (set.contains(value)) {
            queue.removeIf(v -> v.value().equals(value));
        }
    }


    /** Puts the value back with a new due time, if it is still queued. */
    private synchronized void replace(TimedValue value) {
        if (queue.removeIf(v -> v.value().equals(value.value()))) {
            queue.add(value);
        }
    }

    /**
     * Upstream {@code SwapLimiter}: a new limiter with {@code qps} (never accepting when 0 or less) unless the qps is
     * unchanged; a new bucket starts drained when the old one had no token left.
     */
    void swapLimiter(float qps) {
        synchronized (limiterLock) {
            if (limiter.qps() == qps) {
                return;
            }
            TokenBucket next = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, nanoTime);
            if (qps > 0 && !limiter.tryAccept()) {
                next.tryAccept();
            }
            limiter = next;
        }
    }

    float qps() {
        synchronized (limiterLock) {
            return limiter.qps();
        }
    }

    /** The queued (not yet processed) values, due first. */
    synchronized List<String> queued() {
        List<TimedValue> copy = new ArrayList<>(queue);
        copy.sort(Comparator.comparingLong(TimedValue::processAtNanos));
        return copy.stream().map(TimedValue::value).toList();
    }

    synchronized boolean knows(String value) {
        return set.contains(value);
    }

    synchronized Optional<TimedValue> head() {
        return Optional.ofNullable(queue.peek());
    }
}
