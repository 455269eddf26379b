package io.kubeboot.node.server;

/** A kubelet HTTP answer other than 200: the status code and the plain-text body, as upstream's WriteError. */
public class KubeletHttpException extends RuntimeException {
    private final int status;

    public KubeletHttpException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
