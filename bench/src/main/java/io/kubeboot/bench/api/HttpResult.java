package io.kubeboot.bench.api;

import io.kubeboot.bench.core.Outcome;

import java.nio.charset.StandardCharsets;

/** A complete HTTP response. */
public record HttpResult(int status, byte[] body) {

    /** OK when the status is {@code expected}, else a failure named after the status (and reason, for 4xx/5xx). */
    public Outcome expect(int expected) {
        return status == expected ? Outcome.OK : Outcome.failed("HTTP " + status + reason());
    }

    /** The Status reason of an error body (e.g. " Conflict"), so the report says why, or "". */
    private String reason() {
        String b = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
        int at = b.indexOf("\"reason\":\"");
        if (at < 0) {
            return "";
        }
        int end = b.indexOf('"', at + 10);
        return end < 0 ? "" : " " + b.substring(at + 10, end);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
