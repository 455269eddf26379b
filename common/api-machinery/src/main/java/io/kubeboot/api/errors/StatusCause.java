package io.kubeboot.api.errors;

/** One entry of {@code Status.details.causes}: {@code {reason, message, field}} as in meta/v1. */
public record StatusCause(String reason, String message, String field) {
}
