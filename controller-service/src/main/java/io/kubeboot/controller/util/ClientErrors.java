package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** client-go's {@code apierrors} predicates over fabric8's exception. */
public final class ClientErrors {
    /** Upstream {@code v1.NamespaceTerminatingCause}. */
    public static final String NAMESPACE_TERMINATING_CAUSE = "NamespaceTerminating";

    private ClientErrors() {
    }

    public static boolean isNotFound(Throwable e) {
        return code(e) == 404;
    }

    public static boolean isConflict(Throwable e) {
        return code(e) == 409;
    }

    public static boolean isInvalid(Throwable e) {
        return code(e) == 422;
    }

    public static boolean isMethodNotSupported(Throwable e) {
        return code(e) == 405;
    }

    public static int code(Throwable e) {
        return e instanceof KubernetesClientException k ? k.getCode() : 0;
    }

    /** Upstream {@code HasStatusCause}: the Status details name a cause of {@code type}. */
    public static boolean hasStatusCause(Throwable e, String type) {
        if (!(e instanceof KubernetesClientException k) || k.getStatus() == null || k.getStatus().getDetails() == null
                || k.getStatus().getDetails().getCauses() == null) {
            return false;
        }
        for (StatusCause c : k.getStatus().getDetails().getCauses()) {
            if (type.equals(c.getReason())) {
                return true;
            }
        }
        return false;
    }

    /** The error as Go's {@code %v} prints a client-go error: the Status message when the server sent one. */
    public static String message(Throwable e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
