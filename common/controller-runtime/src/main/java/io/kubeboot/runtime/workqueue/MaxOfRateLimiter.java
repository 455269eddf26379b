package io.kubeboot.runtime.workqueue;

import java.time.Duration;
import java.util.List;

/** The worst (longest) delay and highest requeue count of several limiters. */
final class MaxOfRateLimiter<K> implements RateLimiter<K> {
    private final List<RateLimiter<K>> limiters;

    MaxOfRateLimiter(List<? extends RateLimiter<K>> limiters) {
        this.limiters = List.copyOf(limiters);
    }

    @Override
    public Duration when(K item) {
        Duration max = Duration.ZERO;
        for (RateLimiter<K> l : limiters) {
            Duration d = l.when(item);
            if (d.compareTo(max) > 0) {
                max = d;
            }
        }
        return max;
    }

    @Override
    public void forget(K item) {
        limiters.forEach(l -> l.forget(item));
    }

    @Override
    public int numRequeues(K item) {
        int max = 0;
        for (RateLimiter<K> l : limiters) {
            max = Math.max(max, l.numRequeues(item));
        }
        return max;
    }
}
