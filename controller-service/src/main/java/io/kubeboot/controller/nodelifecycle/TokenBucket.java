package io.kubeboot.controller.nodelifecycle;

import java.util.function.LongSupplier;

/**
 * client-go's {@code flowcontrol} rate limiters as the node lifecycle controller uses them without blocking:
 * a token bucket ({@code NewTokenBucketRateLimiter}: starts full with {@code burst} tokens, refilled at {@code qps})
 * or, for a qps of zero or less, one that never accepts ({@code NewFakeNeverRateLimiter}). Not thread safe: the
 * owning {@link RateLimitedTimedQueue} serializes access.
 */
final class TokenBucket {
    private final float qps;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(float qps, int burst, LongSupplier nanoTime) {
        this.qps = qps;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = qps > 0 ? burst : 0;
        this.last = nanoTime.getAsLong();
    }

    float qps() {
        return qps;
    }

    /** Takes a token if one is there. */
    boolean tryAccept() {
        if (qps <= 0) {
            return false;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * qps);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
