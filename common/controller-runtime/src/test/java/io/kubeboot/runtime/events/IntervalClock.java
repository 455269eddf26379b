package io.kubeboot.runtime.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** k8s.io/utils/clock.IntervalClock: every reading is {@code interval} later than the previous one. */
final class IntervalClock extends Clock {
    private Instant time;
    private final Duration interval;

    IntervalClock(Instant start, Duration interval) {
        this.time = start;
        this.interval = interval;
    }

    @Override
    public synchronized Instant instant() {
        time = time.plus(interval);
        return time;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
