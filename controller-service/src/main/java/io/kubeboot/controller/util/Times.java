package io.kubeboot.controller.util;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** RFC 3339 timestamps as the API carries them (metav1.Time); absent or unparsable means Go's zero time. */
public final class Times {
    private Times() {
    }

    public static Optional<Instant> parse(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** As metav1.Time marshals: second precision, UTC. */
    public static String format(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
