package io.kubeboot.apiserver.podlogs;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.validation.FieldError;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code GET pods/{name}/log}, as upstream's {@code v1.PodLogOptions} decoded from URL values
 * (apimachinery's parameter codec) and checked by {@code ValidatePodLogOptions}. Immutable.
 *
 * @param sinceTime whole seconds, as an RFC 3339 query value carries it
 */
public record PodLogOptions(String container, boolean follow, boolean previous, Long sinceSeconds, Instant sinceTime,
                            boolean timestamps, Long tailLines, Long limitBytes,
                            boolean insecureSkipTLSVerifyBackend) {

    private static final String RFC3339_LAYOUT = "2006-01-02T15:04:05Z07:00";

    /**
     * Decodes the query as upstream's conversion does: the first value of each parameter; booleans are false only
     * for absent, {@code 0} or {@code false}; integers as Go's ParseInt. A value that does not decode is a 400
     * BadRequest carrying the conversion error, as upstream's getter-with-options handler answers.
     */
    public static PodLogOptions parse(Map<String, List<String>> query) {
        return new PodLogOptions(
                first(query, "container") == null ? "" : first(query, "container"),
                bool(query, "follow"),
                bool(query, "previous"),
                int64(query, "sinceSeconds"),
                time(query, "sinceTime"),
                bool(query, "timestamps"),
                int64(query, "tailLines"),
                int64(query, "limitBytes"),
                bool(query, "insecureSkipTLSVerifyBackend"));
    }

    /** Upstream's {@code ValidatePodLogOptions} (stream selection is behind a disabled feature gate in 1.32). */
    public List<FieldError> validate() {
        List<FieldError> errs = new ArrayList<>();
        if (tailLines != null && tailLines < 0) {
            errs.add(FieldError.invalid("tailLines", tailLines, "must be greater than or equal to 0"));
        }
        if (limitBytes != null && limitBytes < 1) {
            errs.add(FieldError.invalid("limitBytes", limitBytes, "must be greater than 0"));
        }
        if (sinceSeconds != null && sinceTime != null) {
            errs.add(FieldError.forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        } else if (sinceSeconds != null && sinceSeconds < 1) {
            errs.add(FieldError.invalid("sinceSeconds", sinceSeconds, "must be greater than 0"));
        }
        return errs;
    }

    /** 422 {@code PodLogOptions "name" is invalid: ...} when {@link #validate()} finds anything. */
    public void validateFor(String podName) {
        List<FieldError> errs = validate();
        if (!errs.isEmpty()) {
            throw ApiErrors.invalid("", "PodLogOptions", podName, errs);
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean bool(Map<String, List<String>> query, String name) {
        String v = first(query, name);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    private static Long int64(Map<String, List<String>> query, String name) {
        String v = first(query, name);
        if (v == null) {
            return null;
        }
        try {
            // Go's ParseInt accepts a sign but no spaces or "+" beyond one leading sign, as Long.parseLong
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            boolean syntax = !v.matches("[+-]?[0-9]+");
            throw ApiErrors.badRequest("strconv.ParseInt: parsing " + FieldError.quote(v) + ": "
                    + (syntax ? "invalid syntax" : "value out of range"));
        }
    }

    private static Instant time(Map<String, List<String>> query, String name) {
        String v = first(query, name);
        if (v == null || v.isEmpty() || v.equals("null")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiErrors.badRequest("parsing time " + FieldError.quote(v) + " as " + FieldError.quote(RFC3339_LAYOUT)
                    + ": cannot parse " + FieldError.quote(v) + " as \"2006\"");
        }
    }
}
