package io.kubeboot.node.kubelet.prober;

/**
 * A probe that could not be run at all (upstream's probe error, e.g. an unknown named port or a failing runtime call):
 * its result is thrown away rather than counted as a failure.
 */
public class ProbeException extends RuntimeException {
    public ProbeException(String message) {
        super(message);
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
