package io.kubeboot.runtime.workqueue;

import java.time.Duration;
import java.util.List;

/** The rate limiters of client-go's {@code workqueue/default_rate_limiters.go}. */
public final class RateLimiters {
    private RateLimiters() {
    }

    /**
     * client-go's {@code DefaultControllerRateLimiter}: the larger of per-item exponential backoff (5ms doubling up
     * to 1000s) and an overall token bucket of 10 qps with a burst of 100.
     */
    public static <K> RateLimiter<K> defaultControllerRateLimiter() {
        return maxOf(List.of(
                itemExponentialFailure(Duration.ofMillis(5), Duration.ofSeconds(1000)),
                bucket(10, 100)));
    }

    /** {@code baseDelay * 2^failures} per item, capped at {@code maxDelay}. */
    public static <K> RateLimiter<K> itemExponentialFailure(Duration baseDelay, Duration maxDelay) {
        return new ItemExponentialFailureRateLimiter<>(baseDelay, maxDelay);
    }

    /** {@code fastDelay} for the first {@code maxFastAttempts} failures of an item, {@code slowDelay} after. */
    public static <K> RateLimiter<K> itemFastSlow(Duration fastDelay, Duration slowDelay, int maxFastAttempts) {
        return new ItemFastSlowRateLimiter<>(fastDelay, slowDelay, maxFastAttempts);
    }

    /** An overall token bucket (golang.org/x/time/rate): {@code qps} refill, {@code burst} size; not per item. */
    public static <K> RateLimiter<K> bucket(double qps, int burst) {
        return new BucketRateLimiter<>(qps, burst, System::nanoTime);
    }

    /** The longest delay of all {@code limiters}; {@code forget} goes to all of them. */
    public static <K> RateLimiter<K> maxOf(List<? extends RateLimiter<K>> limiters) {
        return new MaxOfRateLimiter<>(limiters);
    }
}
