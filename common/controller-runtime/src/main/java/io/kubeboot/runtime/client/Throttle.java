package io.kubeboot.runtime.client;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.kubeboot.runtime.workqueue.RateLimiter;
import io.kubeboot.runtime.workqueue.RateLimiters;

import java.time.Duration;

/**
 * client-go's client-side rate limiter (token bucket, {@code flowcontrol.NewTokenBucketRateLimiter(qps, burst)}):
 * every request waits for its token before it is sent, on the calling thread.
 */
final class Throttle implements Interceptor {
    static final String NAME = "kubeboot-client-rate-limit";
    private static final Object ANY = new Object();

    private final RateLimiter<Object> bucket;
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    Throttle(float qps, int burst) {
        this(RateLimiters.bucket(qps, burst), d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    Throttle(RateLimiter<Object> bucket, Sleeper sleeper) {
        this.bucket = bucket;
        this.sleeper = sleeper;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        Duration wait = bucket.when(ANY);
        if (wait.isZero()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
