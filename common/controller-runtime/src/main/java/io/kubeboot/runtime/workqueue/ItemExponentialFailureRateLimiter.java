package io.kubeboot.runtime.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Per-item exponential backoff: {@code base * 2^failures}, capped at {@code max} (also on overflow). */
final class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {
    private final Map<K, Integer> failures = new HashMap<>();
    private final long baseNanos;
    private final Duration maxDelay;

    ItemExponentialFailureRateLimiter(Duration baseDelay, Duration maxDelay) {
        this.baseNanos = baseDelay.toNanos();
        this.maxDelay = maxDelay;
    }

    @Override
    public synchronized Duration when(K item) {
        int exp = failures.getOrDefault(item, 0);
        failures.put(item, exp + 1);
        double backoff = baseNanos * Math.pow(2, exp);
        if (backoff > Long.MAX_VALUE) {
            return maxDelay;
        }
        Duration calculated = Duration.ofNanos((long) backoff);
        return calculated.compareTo(maxDelay) > 0 ? maxDelay : calculated;
    }

    @Override
    public synchronized void forget(K item) {
        failures.remove(item);
    }

    @Override
    public synchronized int numRequeues(K item) {
        return failures.getOrDefault(item, 0);
    }
}
