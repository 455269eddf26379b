package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reading {@code metav1.Time} / {@code MicroTime} values from stored JSON and printing their age.
 * A missing, null, unparseable or zero ({@code 0001-01-01T00:00:00Z}) timestamp is Go's zero time,
 * which upstream prints as {@code <unknown>}.
 */
final class Timestamps {
    static final String UNKNOWN = "<unknown>";

    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final DateTimeFormatter RFC3339_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The instant, or null for Go's zero time. */
    static Instant parse(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
        return instant.equals(GO_ZERO_TIME) ? null : instant;
    }

    /** Upstream {@code translateTimestampSince}: the age of {@code value} at {@code now}. */
    static String since(JsonNode value, Instant now) {
        return since(parse(value), now);
    }

    static String since(Instant instant, Instant now) {
        return instant == null ? UNKNOWN : Durations.human(Duration.between(instant, now));
    }

    /** Go's {@code time.RFC3339} in UTC, whole seconds; the zero time prints as {@code 0001-01-01T00:00:00Z}. */
    static String rfc3339(Instant instant) {
        return RFC3339_SECONDS.format(instant == null ? GO_ZERO_TIME : instant);
    }
}
