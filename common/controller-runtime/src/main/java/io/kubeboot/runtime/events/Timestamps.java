package io.kubeboot.runtime.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** metav1.Time on the wire: RFC 3339 in UTC, whole seconds. */
final class Timestamps {
    private Timestamps() {
    }

    static String format(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code time.UnixNano()}. */
    static long unixNano(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
