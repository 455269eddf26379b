package io.kubeboot.scheduler.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a pod waits before its next attempt, as upstream's {@code calculateBackoffDuration}: no wait
 * before the first attempt, then {@code initial} doubled for every further attempt, capped at {@code max}
 * (kube-scheduler's podInitialBackoffSeconds=1 and podMaxBackoffSeconds=10 by default). The wait counts
 * from the pod's {@link QueuedPodInfo#timestamp()}, i.e. from when its last attempt failed.
 */
public record BackoffPolicy(Duration initial, Duration max) {
    public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(10);

    public BackoffPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
    }

    public static BackoffPolicy defaults() {
        return new BackoffPolicy(DEFAULT_INITIAL, DEFAULT_MAX);
    }

    /** The backoff after {@code attempts} attempts. */
    public Duration duration(int attempts) {
        if (attempts <= 0) {
            return Duration.ZERO;
        }
        long nanos = initial.toNanos();
        long maxNanos = max.toNanos();
        for (int i = 1; i < attempts; i++) {
            // compare with the remaining head room rather than doubling, so that nothing overflows
            if (nanos > maxNanos - nanos) {
                return max;
            }
            nanos += nanos;
        }
        return Duration.ofNanos(nanos);
    }

    /** When the pod's backoff ends. */
    public Instant expiry(QueuedPodInfo pod) {
        return pod.timestamp().plus(duration(pod.attempts()));
    }

    /** Whether the pod's backoff ends strictly after {@code now}. */
    public boolean isBackingOff(QueuedPodInfo pod, Instant now) {
        return expiry(pod).isAfter(now);
    }
}
