package io.kubeboot.node.server;

import io.kubeboot.node.runtime.LogOptions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The query of the kubelet's {@code /containerLogs}, decoded into v1 PodLogOptions and validated as upstream's
 * {@code getContainerLogs}: the legacy {@code tail} parameter ({@code all} = everything) becomes tailLines; a
 * value that does not decode is 400 {@code {"message": "Unable to decode query."}}; options that fail
 * {@code ValidatePodLogOptions} are 422 {@code {"message": "Invalid request."}}. Pure.
 *
 * @param previous the previous (terminated) instance of the container
 * @param options  what the runtime returns; sinceSeconds is turned into an instant relative to {@code now}
 */
public record ContainerLogQuery(boolean previous, LogOptions options) {
    static final String UNDECODABLE = "{\"message\": \"Unable to decode query.\"}";
    static final String INVALID = "{\"message\": \"Invalid request.\"}";

    public static ContainerLogQuery parse(Map<String, List<String>> query, Instant now) {
        String tail = first(query, "tail");
        String tailLinesText = first(query, "tailLines");
        if (tail != null && !tail.isEmpty()) {
            tailLinesText = tail.equals("all") ? null : tail;
        }
        Long tailLines = int64(tailLinesText);
        Long sinceSeconds = int64(first(query, "sinceSeconds"));
        Long limitBytes = int64(first(query, "limitBytes"));
        Instant sinceTime = time(first(query, "sinceTime"));
        boolean invalid = tailLines != null && tailLines < 0
                || limitBytes != null && limitBytes < 1
                || sinceSeconds != null && sinceTime != null
                || sinceSeconds != null && sinceSeconds < 1;
        if (invalid) {
            throw new KubeletHttpException(422, INVALID);
        }
        Instant since = sinceTime != null ? sinceTime : sinceSeconds != null ? now.minusSeconds(sinceSeconds) : null;
        return new ContainerLogQuery(bool(query, "previous"),
                new LogOptions(bool(query, "follow"), tailLines, since, bool(query, "timestamps"), limitBytes));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static boolean bool(Map<String, List<String>> query, String name) {
        String v = first(query, name);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    private static Long int64(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new KubeletHttpException(400, UNDECODABLE);
        }
    }

    private static Instant time(String v) {
        if (v == null || v.isEmpty() || v.equals("null")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new KubeletHttpException(400, UNDECODABLE);
        }
    }
}
