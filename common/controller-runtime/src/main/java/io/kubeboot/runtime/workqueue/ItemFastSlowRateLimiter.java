package io.kubeboot.runtime.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A fast delay for the first attempts of an item, then a slow one. */
final class ItemFastSlowRateLimiter<K> implements RateLimiter<K> {
    private final Map<K, Integer> failures = new HashMap<>();
    private final Duration fastDelay;
    private final Duration slowDelay;
    private final int maxFastAttempts;

    ItemFastSlowRateLimiter(Duration fastDelay, Duration slowDelay, int maxFastAttempts) {
        this.fastDelay = fastDelay;
        this.slowDelay = slowDelay;
        this.maxFastAttempts = maxFastAttempts;
    }

    @Override
    public synchronized Duration when(K item) {
        int attempts = failures.getOrDefault(item, 0) + 1;
        failures.put(item, attempts);
        return attempts <= maxFastAttempts ? fastDelay : slowDelay;
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
