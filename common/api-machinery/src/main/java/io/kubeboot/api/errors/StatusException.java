package io.kubeboot.api.errors;

import java.util.List;

/**
 * A failure that the API answers with a {@code Status} object (kind Status, apiVersion v1, status
 * Failure). Every client mistake travels as one of these, never as a bare exception, so that the
 * HTTP layer can always render the Kubernetes answer. Build them with {@link ApiErrors}.
 *
 * <p>Immutable; thread safe.
 */
public final class StatusException extends RuntimeException {
    private final int code;
    private final String reason;
    private final Details details;
    private final Integer retryAfterSeconds;

    /** {@code details} of a Status; any part may be null and is then left out of the JSON. */
    public record Details(String name, String group, String kind, String uid, List<StatusCause> causes) {
        public Details {
            causes = causes == null ? List.of() : List.copyOf(causes);
        }
    }

    public StatusException(int code, String reason, String message, Details details) {
        this(code, reason, message, details, null);
    }

    public StatusException(int code, String reason, String message, Details details, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.details = details;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int code() {
        return code;
    }

    /** The machine-readable reason, e.g. {@code NotFound}; empty for an unknown one. */
    public String reason() {
        return reason;
    }

    public Details details() {
        return details;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
