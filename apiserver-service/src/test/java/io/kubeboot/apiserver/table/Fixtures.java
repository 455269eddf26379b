package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/** Test fixtures: objects as stored JSON, written with single quotes for readability, and a fixed clock. */
final class Fixtures {
    /** "now" of every table test. */
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private Fixtures() {
    }

    /** Parses JSON written with ' for " (no fixture needs a literal apostrophe). */
    static JsonNode json(String singleQuoted) {
        try {
            return Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 3339 time {@code d} before {@link #NOW}; negative {@code d} is in the future. */
    static String ago(Duration d) {
        return NOW.minus(d).toString();
    }

    /** {@code 'creationTimestamp':'...'} for an object created {@code d} ago. */
    static String created(Duration d) {
        return "'creationTimestamp':'" + ago(d) + "'";
    }

    /** Upstream's "almost now" creation time: 1.9s in the future, which prints as 0s. */
    static final String CREATED_ALMOST_NOW = "'creationTimestamp':'" + NOW.plusMillis(1900) + "'";
}
