package io.kubeboot.runtime.workqueue;

import java.time.Duration;

/**
 * How long an item waits before it is retried, as client-go's {@code workqueue.RateLimiter}. Implementations
 * are thread safe. Obtain them from {@link RateLimiters}.
 *
 * @param <K> the item (key) type
 */
public interface RateLimiter<K> {

    /** The delay before {@code item} may be processed again; records one more failure for it. */
    Duration when(K item);

    /** Stops tracking {@code item}: its next failure starts over at the base delay. */
    void forget(K item);

    /** How many times {@code item} has been rate limited since it was last forgotten. */
    int numRequeues(K item);
}
