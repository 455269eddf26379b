package io.kubeboot.runtime.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * client-go's {@code flowcontrol} token bucket with {@code TryAccept}: starts full, refills at {@code qps},
 * and takes a token only when one is there. Reads the clock once per call. Not thread safe.
 */
final class TokenBucket {
    private final double qps;
    private final int burst;
    private final Clock clock;
    private double tokens;
    private Instant last;

    TokenBucket(double qps, int burst, Clock clock) {
        this.qps = qps;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
    }

    boolean tryAccept() {
        Instant now = clock.instant();
        if (last != null && now.isAfter(last)) {
            double elapsedSeconds = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + elapsedSeconds * qps);
        }
        if (last == null || now.isAfter(last)) {
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
