package io.kubeboot.api.errors;

import io.kubeboot.api.validation.FieldError;

import java.util.List;

/**
 * Factories for the Status errors of apimachinery's {@code api/errors} package, with the same codes,
 * reasons and message texts, because kubectl and client libraries print and branch on them.
 *
 * <p>{@code resource} arguments are the qualified resource as upstream prints it:
 * {@code pods} for the core group, {@code deployments.apps} otherwise.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** "pods" for group "", "deployments.apps" otherwise. */
    public static String qualifiedResource(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }

    /** "Pod" for group "", "Deployment.apps" otherwise. */
    public static String qualifiedKind(String group, String kind) {
        return group == null || group.isEmpty() ? kind : kind + "." + group;
    }

    public static StatusException notFound(String group, String resource, String name) {
        return new StatusException(404, "NotFound",
                qualifiedResource(group, resource) + " \"" + name + "\" not found",
                new StatusException.Details(name, group, resource, null, null));
    }

    public static StatusException alreadyExists(String group, String resource, String name) {
        return new StatusException(409, "AlreadyExists",
                qualifiedResource(group, resource) + " \"" + name + "\" already exists",
                new StatusException.Details(name, group, resource, null, null));
    }

    /** The optimistic-concurrency failure: the object changed since the client read it. */
    public static StatusException conflict(String group, String resource, String name) {
        return conflict(group, resource, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static StatusException conflict(String group, String resource, String name, String why) {
        return new StatusException(409, "Conflict",
                "Operation cannot be fulfilled on " + qualifiedResource(group, resource) + " \"" + name + "\": " + why,
                new StatusException.Details(name, group, resource, null, null));
    }

    /** 422 with one cause per field error, message as {@code Kind.group "name" is invalid: ...}. */
    public static StatusException invalid(String group, String kind, String name, List<FieldError> errors) {
        List<StatusCause> causes = errors.stream()
                .map(e -> new StatusCause(e.type().causeReason(), e.body(), e.field()))
                .toList();
        String aggregate = errors.size() == 1 ? errors.get(0).toString()
                : "[" + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
        return new StatusException(422, "Invalid",
                qualifiedKind(group, kind) + " \"" + name + "\" is invalid: " + aggregate,
                new StatusException.Details(name, group, kind, null, causes));
    }

    public static StatusException badRequest(String message) {
        return new StatusException(400, "BadRequest", message, null);
    }

    public static StatusException methodNotSupported(String group, String resource, String action) {
        return new StatusException(405, "MethodNotAllowed",
                action + " is not supported on resources of kind \"" + qualifiedResource(group, resource) + "\"",
                new StatusException.Details(null, group, resource, null, null));
    }

    /** 410 Expired, what a watch or list gets for a resourceVersion older than the kept history. */
    public static StatusException expired(String message) {
        return new StatusException(410, "Expired", message, null);
    }

    public static StatusException tooOldResourceVersion(long requested, long oldest) {
        return expired("too old resource version: " + requested + " (" + oldest + ")");
    }

    public static StatusException requestEntityTooLarge(String message) {
        return new StatusException(413, "RequestEntityTooLarge", "Request entity too large: " + message, null);
    }

    public static StatusException unsupportedMediaType(String contentType) {
        return new StatusException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json, application/yaml, application/vnd.kubernetes.protobuf"
                        + (contentType == null ? "" : " (got " + contentType + ")"), null);
    }

    public static StatusException notAcceptable(String message) {
        return new StatusException(406, "NotAcceptable", message, null);
    }

    public static StatusException forbidden(String group, String resource, String name, String why) {
        String target = name == null || name.isEmpty() ? qualifiedResource(group, resource)
                : qualifiedResource(group, resource) + " \"" + name + "\"";
        return new StatusException(403, "Forbidden", target + " is forbidden: " + why,
                new StatusException.Details(name, group, resource, null, null));
    }

    /**
     * 403 for a create in a namespace being deleted, with the {@code NamespaceTerminating} cause that
     * controllers look for (upstream's NamespaceLifecycle admission; client-go's
     * {@code HasStatusCause(err, NamespaceTerminatingCause)}).
     */
    public static StatusException namespaceTerminating(String group, String resource, String namespace) {
        String why = "unable to create new content in namespace " + namespace + " because it is being terminated";
        return new StatusException(403, "Forbidden", qualifiedResource(group, resource) + " is forbidden: " + why,
                new StatusException.Details(null, group, resource, null,
                        java.util.List.of(new StatusCause("NamespaceTerminating", why, "metadata.namespace"))));
    }

    public static StatusException tooManyRequests(String message, int retryAfterSeconds) {
        return new StatusException(429, "TooManyRequests", message, null, retryAfterSeconds);
    }

    public static StatusException timeout(String message, int retryAfterSeconds) {
        return new StatusException(504, "Timeout", message, null, retryAfterSeconds);
    }

    public static StatusException serviceUnavailable(String message) {
        return new StatusException(503, "ServiceUnavailable", message, null);
    }

    /** A server-side fault; never use it for a client's mistake. */
    public static StatusException internal(String message) {
        return new StatusException(500, "InternalError", "Internal error occurred: " + message, null);
    }
}
