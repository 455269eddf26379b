package io.kubeboot.node.runtime;

/**
 * A runtime call that failed. {@link #reason()} is the kubelet's reason for it where one applies (e.g.
 * {@code ErrImagePull}, {@code CreateContainerError}, {@code RunContainerError}), else null.
 */
public class RuntimeOperationException extends RuntimeException {
    private final String reason;

    public RuntimeOperationException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RuntimeOperationException(String reason, String message) {
        this(reason, message, null);
    }

    public String reason() {
        return reason;
    }
}
