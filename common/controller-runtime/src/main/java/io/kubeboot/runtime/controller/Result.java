package io.kubeboot.runtime.controller;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a {@link Reconciler} asks of the queue for the key it just handled. Immutable. */
public final class Result {
    private static final Result DONE = new Result(false, null);
    private static final Result REQUEUE = new Result(true, null);

    private final boolean requeue;
    private final Duration requeueAfter;

    private Result(boolean requeue, Duration requeueAfter) {
        this.requeue = requeue;
        this.requeueAfter = requeueAfter;
    }

    /** Success: the key's backoff is forgotten, it comes back only with the next event. */
    public static Result done() {
        return DONE;
    }

    /** Try again soon, with the queue's rate limiting (backoff), without logging an error. */
    public static Result requeue() {
        return REQUEUE;
    }

    /** Success, and look again after {@code delay} (backoff forgotten), e.g. to expire something. */
    public static Result requeueAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return delay.isNegative() || delay.isZero() ? REQUEUE : new Result(false, delay);
    }

    public boolean isRequeue() {
        return requeue;
    }

    public Optional<Duration> getRequeueAfter() {
        return Optional.ofNullable(requeueAfter);
    }

    @Override
    public String toString() {
        return requeueAfter != null ? "Result[requeueAfter=" + requeueAfter + "]" : "Result[requeue=" + requeue + "]";
    }
}
