package io.kubeboot.runtime.workqueue;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * An overall token bucket with the reservation semantics of golang.org/x/time/rate: the bucket starts full,
 * every {@link #when} takes a token even when none is left (the balance goes negative) and returns how long
 * until that token will have been refilled. Items are not tracked.
 */
final class BucketRateLimiter<K> implements RateLimiter<K> {
    private final double qps;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    BucketRateLimiter(double qps, int burst, LongSupplier nanoTime) {
        if (qps <= 0 || burst <= 0) {
            throw new IllegalArgumentException("qps and burst must be positive");
        }
        this.qps = qps;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    @Override
    public synchronized Duration when(K item) {
        long now = nanoTime.getAsLong();
        long elapsed = Math.max(0, now - last);
        tokens = Math.min(burst, tokens + elapsed / 1e9 * qps);
        last = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (-tokens / qps * 1e9));
    }

    @Override
    public void forget(K item) {
        // not per item
    }

    @Override
    public int numRequeues(K item) {
        return 0;
    }
}
