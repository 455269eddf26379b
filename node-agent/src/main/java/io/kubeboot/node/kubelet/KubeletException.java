package io.kubeboot.node.kubelet;

/**
 * A failure the kubelet reports in the pod's status: {@link #reason()} is the container's waiting reason
 * (e.g. {@code CreateContainerConfigError}, {@code ErrImagePull}) and the message its message, as upstream.
 */
public class KubeletException extends RuntimeException {
    private final String reason;

    public KubeletException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public KubeletException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
